// @hey-api/openapi-ts: the second generated client. The document comes from the running service (LUNARVOC_OPENAPI_URL).
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: process.env.LUNARVOC_OPENAPI_URL ?? 'http://127.0.0.1:8080/swagger/v1/swagger.json',
  output: { path: 'generated', importFileExtension: '.js' },
});
