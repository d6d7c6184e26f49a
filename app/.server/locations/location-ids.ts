/** The number in a Location gid, as Shopify admin shows it in URLs and the settings accept it. */
export const legacyLocationId = (gid: string) => gid.replace(/^gid:\/\/shopify\/Location\//, "");
