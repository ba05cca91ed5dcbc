// A real OpenID Connect provider (panva's certified oidc-provider) for the single sign-on tests,
// shaped like ProConnect: custom scopes given_name / usual_name, a signed JWT from the userinfo
// endpoint, RS256 ID tokens, a nonce. Login and consent are the package's development pages
// (any password is accepted; the login picks the account).
//
// Environment: OIDC_CLIENT (JSON client metadata), OIDC_ACCOUNTS (JSON: login -> claims).
// Prints "issuer <url>" once it listens on a free port of 127.0.0.1.
import http from 'node:http';

import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const client = JSON.parse(process.env.OIDC_CLIENT);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS);
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const key = { ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: 'test-key' };

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [client],
    jwks: { keys: [key] },
    cookies: { keys: ['test-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      uid: ['uid'],
    },
    features: {
      devInteractions: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: () => false },
    async findAccount(ctx, login) {
      const claims = accounts[login];
      if (!claims) return undefined;
      return { accountId: login, claims: async () => ({ sub: login, uid: login, ...claims }) };
    },
  });
  server.on('request', provider.callback());
  console.log(`issuer ${issuer}`);
});
