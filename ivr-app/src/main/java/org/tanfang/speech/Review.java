package org.tanfang.speech;

/**
 * Whether a person should listen to a reply, and how soon. HELP needs no review: it already goes to
 * a person at once (transfer to staff, DISTRESS case).
 *
 * <p>Decided by {@link ReviewPolicy} from the rules (the lexicon reading), the statistical model
 * ({@link IntentModel}) and the distress-like evidence (ALARM terms, or a distress term heard only
 * inside a longer word). For a question about the elder, first row that applies:
 *
 * <table>
 *   <caption>review decision table</caption>
 *   <tr><th>rules</th><th>model</th><th>evidence</th><th>intent</th><th>review</th></tr>
 *   <tr><td>SILENT</td><td>–</td><td>–</td><td>SILENT</td><td>NONE</td></tr>
 *   <tr><td>HELP</td><td>FINE, UNWELL or NEEDS, confidence ≥ {@value
 *       ReviewPolicy#DEMOTE} (only with {@code tanfang.speech.demote-rule-help}, off by
 *       default)</td><td>any</td><td>the model's</td><td>URGENT</td></tr>
 *   <tr><td>HELP</td><td>any</td><td>any</td><td>HELP</td><td>NONE</td></tr>
 *   <tr><td>other</td><td>HELP first, P(HELP) ≥ {@value ReviewPolicy#HELP_CORROBORATED}</td>
 *       <td>some</td><td>HELP</td><td>NONE</td></tr>
 *   <tr><td>UNWELL, NEEDS, UNCLEAR</td><td>P(HELP) ≥ {@value ReviewPolicy#HELP_SUSPECTED}</td>
 *       <td>any</td><td>the rules'</td><td>URGENT</td></tr>
 *   <tr><td>FINE</td><td>P(HELP) ≥ {@value ReviewPolicy#HELP_OVER_FINE} ({@value
 *       ReviewPolicy#FINE_TO_HELP} when a negated term decided: 头不晕)</td><td>any</td>
 *       <td>UNCLEAR</td><td>URGENT</td></tr>
 *   <tr><td>other</td><td>any</td><td>some</td><td>the rules', FINE becomes UNCLEAR</td>
 *       <td>URGENT</td></tr>
 *   <tr><td>FINE, UNWELL, NEEDS</td><td>the same intent</td><td>none</td><td>the rules'</td>
 *       <td>NONE</td></tr>
 *   <tr><td>FINE, UNWELL, NEEDS</td><td>another intent but HELP, confidence ≥ {@value
 *       ReviewPolicy#OVERRULE}</td><td>none</td><td>the model's</td><td>LISTEN</td></tr>
 *   <tr><td>FINE, UNWELL, NEEDS</td><td>another intent</td><td>none</td><td>the rules'</td>
 *       <td>LISTEN</td></tr>
 *   <tr><td>UNCLEAR</td><td>FINE, UNWELL or NEEDS with confidence ≥ {@value
 *       ReviewPolicy#CONFIDENT}</td><td>none</td><td>the model's</td><td>LISTEN</td></tr>
 *   <tr><td>UNCLEAR</td><td>otherwise</td><td>none</td><td>UNCLEAR</td><td>LISTEN</td></tr>
 * </table>
 *
 * <p>So FINE is never returned when distress-like evidence is present. Without a model for the
 * language the model counts as agreeing. For the identity question the confirmation decides:
 * CONFIRMED, DENIED, HELP and SILENT give NONE, UNCLEAR gives LISTEN, and evidence (or the model's
 * suspicion) without HELP gives URGENT.
 */
public enum Review {
  /** Confidently understood: nobody needs to listen. */
  NONE,
  /** Not confidently understood: a person listens later (low priority). */
  LISTEN,
  /** Distress-like evidence below the HELP threshold: a person listens quickly. */
  URGENT
}
