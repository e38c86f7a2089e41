// jcs's only script: start govuk-frontend's components.  Loaded as a module
// so the page needs no inline script beyond the nonce'd js-enabled marker.
import { initAll } from '/assets/govuk-frontend.min.js'
initAll()
