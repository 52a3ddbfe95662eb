export * from "./sanitas.js";
export { default } from "./sanitas.js";
