import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'api_reference.document': { paramsTuple?: []; params?: {} }
    'api_reference.page': { paramsTuple?: []; params?: {} }
    'auth.csrf': { paramsTuple?: []; params?: {} }
    'auth.sign_up': { paramsTuple?: []; params?: {} }
    'auth.sign_in': { paramsTuple?: []; params?: {} }
    'auth.forgot_password': { paramsTuple?: []; params?: {} }
    'auth.reset_password': { paramsTuple?: []; params?: {} }
    'auth.verify_email': { paramsTuple?: []; params?: {} }
    'oauth.providers': { paramsTuple?: []; params?: {} }
    'oauth.redirect': { paramsTuple: [ParamValue]; params: {'provider': ParamValue} }
    'oauth.callback': { paramsTuple: [ParamValue]; params: {'provider': ParamValue} }
    'auth.sign_out': { paramsTuple?: []; params?: {} }
    'auth.me': { paramsTuple?: []; params?: {} }
    'auth.update_me': { paramsTuple?: []; params?: {} }
    'auth.change_password': { paramsTuple?: []; params?: {} }
    'auth.resend_verification': { paramsTuple?: []; params?: {} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'access_tokens.store': { paramsTuple?: []; params?: {} }
    'access_tokens.destroy': { paramsTuple: [ParamValue]; params: {'tokenId': ParamValue} }
    'invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'invitations.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'organizations.index': { paramsTuple?: []; params?: {} }
    'organizations.store': { paramsTuple?: []; params?: {} }
    'organizations.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'organizations.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'organizations.upload_logo': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'organizations.logo': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'members.leave': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.transfer_ownership': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'invitations.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'invitations.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'invitations.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'invitationId': ParamValue} }
    'audit_log.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'modules.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'modules.enable': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'moduleId': ParamValue} }
    'modules.disable': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'moduleId': ParamValue} }
    'modules.shell_manifest': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contact_transfers.export': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contact_transfers.preview': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contact_transfers.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
    'contacts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
    'contacts.archive': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
    'contacts.unarchive': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'api_reference.document': { paramsTuple?: []; params?: {} }
    'api_reference.page': { paramsTuple?: []; params?: {} }
    'auth.csrf': { paramsTuple?: []; params?: {} }
    'oauth.providers': { paramsTuple?: []; params?: {} }
    'oauth.redirect': { paramsTuple: [ParamValue]; params: {'provider': ParamValue} }
    'oauth.callback': { paramsTuple: [ParamValue]; params: {'provider': ParamValue} }
    'auth.me': { paramsTuple?: []; params?: {} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'organizations.index': { paramsTuple?: []; params?: {} }
    'organizations.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'organizations.logo': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'invitations.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'audit_log.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'modules.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'modules.shell_manifest': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contact_transfers.export': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'api_reference.document': { paramsTuple?: []; params?: {} }
    'api_reference.page': { paramsTuple?: []; params?: {} }
    'auth.csrf': { paramsTuple?: []; params?: {} }
    'oauth.providers': { paramsTuple?: []; params?: {} }
    'oauth.redirect': { paramsTuple: [ParamValue]; params: {'provider': ParamValue} }
    'oauth.callback': { paramsTuple: [ParamValue]; params: {'provider': ParamValue} }
    'auth.me': { paramsTuple?: []; params?: {} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'organizations.index': { paramsTuple?: []; params?: {} }
    'organizations.show': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'organizations.logo': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'invitations.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'audit_log.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'modules.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'modules.shell_manifest': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.index': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contact_transfers.export': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'auth.sign_up': { paramsTuple?: []; params?: {} }
    'auth.sign_in': { paramsTuple?: []; params?: {} }
    'auth.forgot_password': { paramsTuple?: []; params?: {} }
    'auth.reset_password': { paramsTuple?: []; params?: {} }
    'auth.verify_email': { paramsTuple?: []; params?: {} }
    'auth.sign_out': { paramsTuple?: []; params?: {} }
    'auth.change_password': { paramsTuple?: []; params?: {} }
    'auth.resend_verification': { paramsTuple?: []; params?: {} }
    'access_tokens.store': { paramsTuple?: []; params?: {} }
    'invitations.accept': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'organizations.store': { paramsTuple?: []; params?: {} }
    'organizations.upload_logo': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.leave': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.transfer_ownership': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'invitations.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'modules.enable': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'moduleId': ParamValue} }
    'modules.disable': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'moduleId': ParamValue} }
    'contacts.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contact_transfers.preview': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contact_transfers.store': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'contacts.archive': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
    'contacts.unarchive': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
  }
  PATCH: {
    'auth.update_me': { paramsTuple?: []; params?: {} }
    'organizations.update': { paramsTuple: [ParamValue]; params: {'orgId': ParamValue} }
    'members.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'contacts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'contactId': ParamValue} }
  }
  DELETE: {
    'access_tokens.destroy': { paramsTuple: [ParamValue]; params: {'tokenId': ParamValue} }
    'members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'memberId': ParamValue} }
    'invitations.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'orgId': ParamValue,'invitationId': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}