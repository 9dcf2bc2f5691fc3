package org.tanfang.callflow;

import java.util.Optional;

/**
 * Recordings approved on the prompts page (package prompts implements it): the call flow asks this
 * before the committed prompt files. Answered from memory: it must never hold up a call.
 */
public interface ApprovedRecordings {
  /**
   * The approved recording of a prompt in a dialect, relative to the prompt folder and without
   * extension ({@code recorded/hainan/q-health-v2}), or empty.
   */
  Optional<String> file(String promptId, String dialect);
}
