/** The app's environment in tests: a fake app registration the sandbox also knows. */
export const testEnv = {
  NODE_ENV: "test",
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:3999",
  SCOPES: "read_orders,write_orders,read_products",
  LOG_LEVEL: "error",
  ERP_ENCRYPTION_KEY: "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdCE=",
} as const;
