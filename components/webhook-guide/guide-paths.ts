// Where the guide pages live, for links from the form and between the pages.
export const WEBHOOK_GUIDE_PATH = "/settings/webhooks/guide";
export const DOCUMENSO_GUIDE_PATH = "/settings/webhooks/guide/documenso";
