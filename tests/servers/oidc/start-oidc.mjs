// start-oidc.mjs: local OAuth2/OIDC issuer for the SDK's auth tests.
//
//   node start-oidc.mjs PORT [--access-token-ttl=S] [--client-credentials-ttl=S]
//                            [--device-code-ttl=S] [--refresh-token-ttl=S]
//
// TTLs (seconds) can also come from the environment: OIDC_ACCESS_TOKEN_TTL,
// OIDC_CLIENT_CREDENTIALS_TTL, OIDC_DEVICE_CODE_TTL, OIDC_REFRESH_TOKEN_TTL.
// Listens on 127.0.0.1 only. Grants: client_credentials, device code (RFC 8628),
// refresh_token (always rotated) and token exchange (RFC 8693, registered below).
// Introspection, revocation and the devInteractions login page are enabled.
import Provider, { errors } from 'oidc-provider';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const RESOURCE_SCOPES = 'openid offline_access ga4gh_passport_v1';

const args = process.argv.slice(2);
const port = Number(args.find((a) => /^\d+$/.test(a)) || 9000);
const option = (name, envName, fallback) => {
  const flag = args.find((a) => a.startsWith(`--${name}=`));
  const raw = flag ? flag.split('=', 2)[1] : process.env[envName];
  const value = Number(raw);
  return raw !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
};

const ttl = {
  AccessToken: option('access-token-ttl', 'OIDC_ACCESS_TOKEN_TTL', 3600),
  ClientCredentials: option('client-credentials-ttl', 'OIDC_CLIENT_CREDENTIALS_TTL', 600),
  DeviceCode: option('device-code-ttl', 'OIDC_DEVICE_CODE_TTL', 600),
  RefreshToken: option('refresh-token-ttl', 'OIDC_REFRESH_TOKEN_TTL', 86400),
  Grant: 86400,
  Interaction: 600,
  Session: 86400,
};

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    { // confidential, HTTP Basic client authentication
      client_id: 'sdk-test', client_secret: 'sdk-secret',
      grant_types: ['client_credentials', DEVICE_CODE, 'refresh_token', TOKEN_EXCHANGE],
      response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic',
    },
    { // confidential, credentials in the form body
      client_id: 'sdk-post', client_secret: 'sdk-post-secret',
      grant_types: ['client_credentials', DEVICE_CODE, 'refresh_token', TOKEN_EXCHANGE],
      response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_post',
    },
    { // public CLI client
      client_id: 'sdk-cli',
      grant_types: [DEVICE_CODE, 'refresh_token'],
      response_types: [], redirect_uris: [], token_endpoint_auth_method: 'none',
    },
  ],
  features: {
    clientCredentials: { enabled: true },
    deviceFlow: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    devInteractions: { enabled: true }, // the dev login page accepts any login and password
    resourceIndicators: { // RFC 8707: any resource URL is a known resource server
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resourceIndicator) => ({
        scope: RESOURCE_SCOPES, audience: resourceIndicator, accessTokenFormat: 'opaque',
      }),
    },
  },
  scopes: ['openid', 'offline_access', 'ga4gh_passport_v1'],
  rotateRefreshToken: true,
  issueRefreshToken: async (ctx, client, code) => client.grantTypeAllowed('refresh_token')
    && code.scopes.has('offline_access'),
  loadExistingGrant: async (ctx) => { // auto-consent, including any requested resource
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope || 'openid');
    const resources = [ctx.oidc.params.resource || []].flat();
    resources.forEach((resource) => grant.addResourceScope(resource, RESOURCE_SCOPES));
    await grant.save();
    return grant;
  },
  findAccount: async (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  ttl,
});

// RFC 8693 token exchange: an active access token issued by this provider (to any
// client) is exchanged for a new access token bound to the authenticated client.
provider.registerGrantType(TOKEN_EXCHANGE, async (ctx) => {
  const { params, client } = ctx.oidc;
  if (!params.subject_token) {
    throw new errors.InvalidRequest('missing required parameter subject_token');
  }
  if (params.subject_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
  }
  const { AccessToken, ClientCredentials } = ctx.oidc.provider;
  const subject = (await AccessToken.find(params.subject_token))
    || (await ClientCredentials.find(params.subject_token));
  if (!subject || subject.isExpired) {
    throw new errors.InvalidGrant('subject token is invalid or expired');
  }
  const token = new ClientCredentials({ client, scope: params.scope || subject.scope || undefined });
  if (params.audience) token.extra = { aud: params.audience };
  const value = await token.save();
  ctx.body = {
    access_token: value,
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: 'Bearer',
    expires_in: token.expiration,
    ...(token.scope ? { scope: token.scope } : {}),
  };
}, ['subject_token', 'subject_token_type', 'audience', 'resource', 'scope',
  'requested_token_type', 'actor_token', 'actor_token_type']);

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
