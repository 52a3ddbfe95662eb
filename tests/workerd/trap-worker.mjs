// A Worker running the trap scenario (tests/js/trap-scenario.mjs) against the trap-test build
// (target/trap-pkg, never shipped), through its workerd entry.
import * as sanitas from "../../target/trap-pkg/workerd.js";
import { runTrapScenario } from "../js/trap-scenario.mjs";

export default {
  async fetch() {
    return Response.json(runTrapScenario(sanitas));
  },
};
