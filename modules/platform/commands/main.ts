/*
 * The platform's ace commands, loaded by the host's adonisrc (`commands`).
 */
import { ListLoader } from '@adonisjs/core/ace'
import SearchRebuild from './search_rebuild.ts'
import JobsWork from './jobs_work.ts'
import JobsRelay from './jobs_relay.ts'
import UsersDisable from './users_disable.ts'
import UsersEnable from './users_enable.ts'
import OpenapiTypes from './openapi_types.ts'
import MakeModule from './make_module.ts'
import UsersPlatformAdmin from './users_platform_admin.ts'

const loader = new ListLoader([
  SearchRebuild,
  JobsWork,
  JobsRelay,
  UsersDisable,
  UsersEnable,
  OpenapiTypes,
  MakeModule,
  UsersPlatformAdmin,
])

/** The commands' metadata, for ace's help and lookup. */
export const getMetaData = () => loader.getMetaData()

/** The class of one command. */
export const getCommand = (metaData: Parameters<typeof loader.getCommand>[0]) =>
  loader.getCommand(metaData)
