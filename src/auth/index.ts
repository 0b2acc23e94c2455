export { bearerToken, createAuthenticator, LOCAL, LOCAL_USER, unauthorized, type Authenticator, type AuthUser } from './authenticator.js';
