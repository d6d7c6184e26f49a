/**
 * The settings value for an ERP shipping agent: "Company" or "Company | https://…{number}". Here
 * rather than beside the tracking code because the settings schema checks it, and the schema is a
 * pure, shared type that must not import a task's files.
 */
export const CARRIER_SETTING_PATTERN = /^[^|]{1,100}(?:\|\s*https?:\/\/\S+)?$/;
