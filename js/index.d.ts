export * from "./sanitas.js";
export { default } from "./sanitas.js";
export { ReidentifyStream } from "./stream.js";
