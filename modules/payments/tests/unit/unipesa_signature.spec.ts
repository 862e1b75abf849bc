import { test } from '@japa/runner'
import { createHmac } from 'node:crypto'
import {
  hasValidUnipesaSignature,
  signUnipesaPayload,
  unipesaSignature,
} from '../../app/gateways/unipesa_signature.ts'
import { GatewayError } from '../../app/gateways/mobile_money_gateway.ts'
import { unipesaCustomerId, UnipesaGateway } from '../../app/gateways/unipesa_gateway.ts'

const secret = 'cf11635572c1e8d77297207152dc0791'

test.group('Unipesa signature', () => {
  test('HMAC-SHA512 in hex over each key and value in the order sent, nested keys as parent.key, the signature left out', ({
    assert,
  }) => {
    const payload = {
      merchant_id: 'm-1',
      provider_id: 14,
      amount: 1000,
      result: { code: 0, message: 'OK' },
      signature: 'ignored',
    }
    const expected = createHmac('sha512', secret)
      .update('merchant_idm-1provider_id14amount1000result.code0result.messageOK')
      .digest('hex')
    assert.equal(unipesaSignature(payload, secret), expected)
    assert.match(expected, /^[0-9a-f]{128}$/)
    // The order is part of what is signed.
    assert.notEqual(
      unipesaSignature({ provider_id: 14, merchant_id: 'm-1' }, secret),
      unipesaSignature({ merchant_id: 'm-1', provider_id: 14 }, secret)
    )
  })

  test('a signed payload verifies; any changed field, another key or a truncated signature does not', ({
    assert,
  }) => {
    const signed = signUnipesaPayload({ order_id: 'o-1', amount: 25000, currency: 'CDF' }, secret)
    assert.isTrue(hasValidUnipesaSignature(signed, secret))
    assert.isTrue(
      hasValidUnipesaSignature({ ...signed, signature: signed.signature.toUpperCase() }, secret)
    )
    assert.isFalse(hasValidUnipesaSignature({ ...signed, amount: 25001 }, secret))
    assert.isFalse(hasValidUnipesaSignature(signed, `${secret}x`))
    assert.isFalse(
      hasValidUnipesaSignature({ ...signed, signature: signed.signature.slice(2) }, secret)
    )
    assert.isFalse(hasValidUnipesaSignature({ ...signed, signature: undefined }, secret))
  })

  test('a callback is read only with a right signature; its date is UTC', ({ assert }) => {
    const gateway = new UnipesaGateway({
      baseUrl: 'http://127.0.0.1:1',
      publicId: 'p',
      merchantId: 'm',
      secretKey: secret,
      allowPrivateHosts: true,
    })
    const callback = signUnipesaPayload(
      {
        order_id: 'o-1',
        status: 2,
        amount: 12.5,
        currency: 'USD',
        service_date_time: '2026-12-08 10:00:00.000000',
      },
      secret
    )
    assert.deepEqual(gateway.verifyCallback(callback), {
      orderId: 'o-1',
      state: 'succeeded',
      amount: '12.5',
      currency: 'USD',
      sentAt: new Date('2026-12-08T10:00:00Z'),
      fingerprint: callback.signature,
    })
    assert.isNull(gateway.verifyCallback({ ...callback, status: 3 }))
  })

  test("each operator gets the customer's number the way it wants it", ({ assert }) => {
    assert.equal(unipesaCustomerId(9, '+243812345678'), '243812345678')
    assert.equal(unipesaCustomerId(10, '+243842345678'), '0842345678')
    assert.equal(unipesaCustomerId(17, '+243971234567'), '971234567')
    assert.equal(unipesaCustomerId(19, '+243901234567'), '0901234567')
    assert.equal(unipesaCustomerId(14, '+243812345678'), '243812345678')
  })

  test('a gateway URL on this machine or a private network is never called unless allowed', async ({
    assert,
  }) => {
    for (const baseUrl of [
      'http://127.0.0.1:59999',
      'http://localhost:59999',
      'http://169.254.169.254',
    ]) {
      const gateway = new UnipesaGateway({
        baseUrl,
        publicId: 'p',
        merchantId: 'm',
        secretKey: secret,
        allowPrivateHosts: false,
      })
      const failure = await gateway.status('o-1').catch((error) => error)
      assert.instanceOf(failure, GatewayError, baseUrl)
      assert.equal(failure.kind, 'unreachable', baseUrl)
      assert.match(String(failure.detail.cause), /private network: refused/, baseUrl)
    }
  })
})
