/** The one Admin API version the app, its webhooks, the codegen and the sandbox speak. */
export const ADMIN_API_VERSION = "2026-10";
