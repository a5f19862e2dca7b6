/**
 * The one place where services meet HTTP (0042): domain errors to error pages and form results,
 * permissions to 403 pages, and the ways to sign-in and "Confirm it's you" and back.
 */
export { idParam, orError, rethrowAsHttp } from './errors';
export { FORBIDDEN, forbidden, guard } from './guard';
export { anyOf, forCodes, isFailure, refusal, type CodeHandlers, type KindHandler, type Refused, type RefusalOptions } from './refusal';
export { safeRedirectTarget } from './redirect-target';
export { confirmPath, loginRedirect, orConfirm, pathHere, signInPath } from './sign-in';
