import { setNonce } from "get-nonce";
import { z } from "zod";

// Runs in the browser before the app's own code, so the strict CSP has nothing to report:
// - zod probes `new Function` once to pick a faster parser; the CSP blocks it (zod falls
//   back) but the browser still reports a violation. jitless skips the probe.
// - Radix's dialogs and menus add a <style> element to lock page scrolling, nonced through
//   get-nonce. Browsers hide a nonce attribute's value, but the property keeps it.
z.config({ jitless: true });
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) setNonce(nonce);
