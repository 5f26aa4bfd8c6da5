// A real OpenID Connect provider (panva/oidc-provider) for Samskap's single sign-on tests.
// Started by the `oidc_provider` fixture (samskap/accounts/tests/conftest.py):
//   node provider.mjs PORT REDIRECT_URI
// with the test person in the environment (OIDC_TEST_EMAIL, OIDC_TEST_NAME). Dev interactions: any login
// name and password are accepted on the provider's own login page; the account returned has a verified
// e-mail address.
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const email = process.env.OIDC_TEST_EMAIL || "test.person@example.org";
const name = process.env.OIDC_TEST_NAME || "Test Person";

const configuration = {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID || "samskap",
    client_secret: process.env.OIDC_CLIENT_SECRET || "samskap-test-secret",
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, email, email_verified: true, name };
      },
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  scopes: ["openid", "email", "profile"],
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["samskap-test-cookie-key"] },
  pkce: { required: () => false },
};

const provider = new Provider(issuer, configuration);
provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`oidc-provider ready at ${issuer}`);
});
