// The LunarVoc client for TypeScript: openapi-fetch over types generated from the service's own
// OpenAPI document (npm run generate-client). Nothing here is written by hand but this factory.
import createClient from "openapi-fetch";
import type { paths } from "./generated/lunarvoc.js";

export type { components, paths } from "./generated/lunarvoc.js";

/** A client for the service at baseUrl; writes need apiKey (sent as X-Api-Key). */
export function lunarVocClient(baseUrl: string, apiKey?: string) {
  return createClient<paths>({ baseUrl, headers: apiKey === undefined ? {} : { "X-Api-Key": apiKey } });
}
