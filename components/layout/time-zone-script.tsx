import { requestNonce } from "@/lib/http/request-nonce";
import { TIME_ZONE_COOKIE } from "@/lib/time-zone";

// A few bytes of script that run before anything below them is parsed: they tell the server
// the browser's time zone in a cookie (a year long), so every later page is rendered in it.
// On a page that shows times, a render made in another zone (the first visit, a new zone) is
// reloaded before it is painted, once: sessionStorage remembers the zone it reloaded for,
// so a zone the server cannot use never loops. Without cookies it does nothing: the times
// stay in UTC, labelled as such.

function script(renderedZone: string | undefined): string {
  const name = JSON.stringify(TIME_ZONE_COOKIE);
  return `(function(){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(!z)return;
var v=encodeURIComponent(z),n=${name};
if(document.cookie.split("; ").indexOf(n+"="+v)<0)document.cookie=n+"="+v+"; path=/; max-age=31536000; samesite=lax";
if(${renderedZone !== undefined}&&z!==${JSON.stringify(renderedZone ?? "")}&&document.cookie.split("; ").indexOf(n+"="+v)>=0
&&sessionStorage.getItem("tz-reloaded")!==z){sessionStorage.setItem("tz-reloaded",z);location.reload();}}catch(e){}})();`;
}

/**
 * `renderedZone` on pages that show times (everything behind sign-in): the zone the server
 * rendered them in. Public pages leave it out and only set the cookie, which is there by the
 * time anyone signs in.
 */
export async function TimeZoneScript({ renderedZone }: { renderedZone?: string }) {
  const nonce = await requestNonce();
  return (
    <script
      nonce={nonce}
      // The browser hides a nonce after parsing; React must not treat that as a change.
      suppressHydrationWarning
      // biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant script, its only input JSON-encoded.
      dangerouslySetInnerHTML={{ __html: script(renderedZone) }}
    />
  );
}
