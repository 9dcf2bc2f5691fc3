package org.tanfang.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.prompts.PromptCatalogue;
import org.tanfang.prompts.PromptRecordings;
import org.tanfang.prompts.PromptRecordings.Source;
import org.tanfang.prompts.PromptRecordings.Version;
import org.tanfang.prompts.PromptRejectedException;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.security.Callers;

/**
 * 录音 (prompts): every prompt with its script and recordings per dialect; one prompt's page records
 * with the microphone (static/js/prompt-recorder.js) or takes a file, and lets city-wide
 * supervisors approve a version, go back to an older one, or withdraw the approval.
 */
@Controller
class PromptPages {
  private final PromptCatalogue catalogue;
  private final PromptRecordings recordings;
  private final Callers callers;
  private final ProblemMessages messages;
  private final java.time.Clock clock;

  PromptPages(
      java.time.Clock clock,
      PromptCatalogue catalogue,
      PromptRecordings recordings,
      Callers callers,
      ProblemMessages messages) {
    this.catalogue = catalogue;
    this.recordings = recordings;
    this.callers = callers;
    this.messages = messages;
    this.clock = clock;
  }

  /** One row of the list: a prompt and, per dialect, its versions and the one in use. */
  record Row(PromptCatalogue.Entry entry, Map<String, List<Version>> versions) {
    public Version inUse(String dialect) {
      return versions.getOrDefault(dialect, List.of()).stream()
          .filter(Version::inUse)
          .findFirst()
          .orElse(null);
    }

    public int count(String dialect) {
      return versions.getOrDefault(dialect, List.of()).size();
    }
  }

  @GetMapping("/prompts")
  String list(Model model) {
    Map<String, List<Version>> byPrompt =
        recordings.all().stream().collect(Collectors.groupingBy(Version::promptId));
    List<Row> rows =
        catalogue.entries().stream()
            .map(e -> row(e, byPrompt.getOrDefault(e.id(), List.of())))
            .toList();
    model.addAttribute("rows", rows);
    model.addAttribute("dialects", PromptCatalogue.DIALECTS);
    return "prompts";
  }

  @GetMapping("/prompts/{id}")
  String prompt(@PathVariable String id, Model model, Authentication auth) {
    PromptCatalogue.Entry entry =
        catalogue
            .find(id)
            .orElseThrow(
                () ->
                    new org.springframework.web.server.ResponseStatusException(
                        org.springframework.http.HttpStatus.NOT_FOUND));
    model.addAttribute("row", row(entry, recordings.versions(id)));
    model.addAttribute("dialects", PromptCatalogue.DIALECTS);
    model.addAttribute("mayApprove", PromptRecordings.mayApproveAll(callers.of(auth)));
    model.addAttribute("placeholders", placeholders(id));
    model.addAttribute("zone", clock.getZone());
    return "prompt";
  }

  @PostMapping("/prompts/{id}/recordings")
  String submit(
      @PathVariable String id,
      @RequestParam("file") MultipartFile file, // first: a request that is no upload is 415
      @RequestParam String dialect,
      @RequestParam(defaultValue = "UPLOAD") String source,
      Model model,
      Authentication auth,
      Locale locale,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    try {
      Version v =
          recordings.submit(
              id,
              dialect,
              file.getBytes(),
              "MICROPHONE".equals(source) ? Source.MICROPHONE : Source.UPLOAD,
              file.getOriginalFilename(),
              callers.of(auth));
      redirect.addFlashAttribute("submitted", v.dialect() + " v" + v.version());
      return "redirect:/prompts/" + id;
    } catch (PromptRejectedException e) {
      return rejected(e, id, model, auth, locale, response);
    }
  }

  @PostMapping("/prompts/{id}/approve")
  String approve(
      @PathVariable String id,
      @RequestParam String dialect,
      @RequestParam int version,
      Model model,
      Authentication auth,
      Locale locale,
      HttpServletResponse response) {
    try {
      recordings.approve(id, dialect, version, callers.of(auth));
      return "redirect:/prompts/" + id;
    } catch (PromptRejectedException e) {
      return rejected(e, id, model, auth, locale, response);
    }
  }

  @PostMapping("/prompts/{id}/withdraw")
  String withdraw(
      @PathVariable String id,
      @RequestParam String dialect,
      Model model,
      Authentication auth,
      Locale locale,
      HttpServletResponse response) {
    try {
      recordings.withdraw(id, dialect, callers.of(auth));
      return "redirect:/prompts/" + id;
    } catch (PromptRejectedException e) {
      return rejected(e, id, model, auth, locale, response);
    }
  }

  /** A version's audio, or the committed placeholder without {@code version}. */
  @GetMapping("/prompts/{id}/audio")
  ResponseEntity<FileSystemResource> audio(
      @PathVariable String id,
      @RequestParam String dialect,
      @RequestParam(required = false) Integer version) {
    try {
      return recordings
          .audio(id, dialect, version)
          .map(
              p ->
                  ResponseEntity.ok()
                      .contentType(MediaType.parseMediaType("audio/wav"))
                      .body(new FileSystemResource(p)))
          .orElse(ResponseEntity.notFound().build());
    } catch (PromptRejectedException e) {
      return ResponseEntity.status(e.status()).build();
    }
  }

  /** The prompt's page again with the problems (an unknown prompt: the 404 page). */
  private String rejected(
      PromptRejectedException e,
      String id,
      Model model,
      Authentication auth,
      Locale locale,
      HttpServletResponse response) {
    if (catalogue.find(id).isEmpty()) {
      throw new org.springframework.web.server.ResponseStatusException(
          org.springframework.http.HttpStatus.NOT_FOUND);
    }
    response.setStatus(e.status());
    model.addAttribute(
        "problems", e.problems().stream().map(p -> messages.render(p, locale)).toList());
    model.addAttribute("problemRules", e.problems().stream().map(p -> p.rule()).toList());
    return prompt(id, model, auth);
  }

  private Map<String, Boolean> placeholders(String id) {
    Map<String, Boolean> found = new LinkedHashMap<>();
    for (String d : PromptCatalogue.DIALECTS) {
      found.put(d, recordings.audio(id, d, null).map(Files::isRegularFile).orElse(false));
    }
    return found;
  }

  private static Row row(PromptCatalogue.Entry entry, List<Version> versions) {
    Map<String, List<Version>> byDialect = new LinkedHashMap<>();
    for (String d : PromptCatalogue.DIALECTS) {
      byDialect.put(d, versions.stream().filter(v -> v.dialect().equals(d)).toList());
    }
    return new Row(entry, byDialect);
  }
}
