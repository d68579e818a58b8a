/** A secret header value the browser tests' build runs with (ACME_HEALTH_TOKEN), to prove none reaches out/. */
export const exampleSecret = 'outpost-e2e-secret-7c1f9a2b5d';
