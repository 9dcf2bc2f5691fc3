package org.tanfang.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tanfang.dialer.StaffPhoneNumbers;
import org.tanfang.registry.ProblemMessages;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.security.Callers;
import org.tanfang.security.PasswordChanges;
import org.tanfang.security.PasswordPolicy;
import org.tanfang.security.RegionScope;
import org.tanfang.security.Role;
import org.tanfang.security.SignInBlockedException;
import org.tanfang.security.SignInGuard;
import org.tanfang.security.UserAccounts;
import org.tanfang.security.UserAdmin;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * The users page for administrators (create, edit role / scope / phone / enabled, reset password,
 * sign-in locks) and the password page for everyone, also reached right after signing in with a
 * generated password.
 */
@Controller
class AccountsPages {
  private final UserAccounts accounts;
  private final UserAdmin admin;
  private final PasswordChanges passwords;
  private final PasswordPolicy policy;
  private final SignInGuard guard;
  private final Callers callers;
  private final RegistryProperties registry;
  private final ProblemMessages problems;
  private final MessageSource messages;
  private final Clock clock;

  AccountsPages(
      UserAccounts accounts,
      UserAdmin admin,
      PasswordChanges passwords,
      PasswordPolicy policy,
      SignInGuard guard,
      Callers callers,
      RegistryProperties registry,
      ProblemMessages problems,
      MessageSource messages,
      Clock clock) {
    this.accounts = accounts;
    this.admin = admin;
    this.passwords = passwords;
    this.policy = policy;
    this.guard = guard;
    this.callers = callers;
    this.registry = registry;
    this.problems = problems;
    this.messages = messages;
    this.clock = clock;
  }

  @GetMapping("/password")
  String passwordForm(
      @RequestParam(required = false) String expired,
      Authentication auth,
      HttpSession session,
      Model model) {
    String user =
        signedIn(auth)
            ? auth.getName()
            : (String) session.getAttribute(PasswordChanges.EXPIRED_USER);
    model.addAttribute("username", user);
    model.addAttribute("expired", expired != null);
    model.addAttribute("minLength", policy.minLength());
    return "password";
  }

  @PostMapping("/password")
  String changePassword(
      @RequestParam(required = false) String username,
      @RequestParam(required = false) String current,
      @RequestParam(required = false) String password,
      @RequestParam(required = false) String confirm,
      Authentication auth,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect,
      Locale locale) {
    String user = signedIn(auth) ? auth.getName() : username;
    try {
      passwords.change(user, current, password, confirm, request.getRemoteAddr());
    } catch (InvalidInputException e) {
      return passwordAgain(user, model, e.problems(), locale);
    } catch (SignInBlockedException e) {
      model.addAttribute(
          "errors", List.of(text(e.locked() ? "login.locked" : "login.wait", locale)));
      model.addAttribute("username", user);
      model.addAttribute("minLength", policy.minLength());
      return "password";
    }
    request.getSession().removeAttribute(PasswordChanges.EXPIRED_USER);
    if (signedIn(auth)) {
      redirect.addFlashAttribute("changed", true);
      return "redirect:/password";
    }
    return "redirect:/login?changed";
  }

  private String passwordAgain(String user, Model model, List<FieldProblem> ps, Locale locale) {
    model.addAttribute("errors", ps.stream().map(p -> problems.render(p, locale)).toList());
    model.addAttribute("username", user);
    model.addAttribute("minLength", policy.minLength());
    return "password";
  }

  @GetMapping("/users")
  String users(Model model) {
    model.addAttribute("users", accounts.list());
    model.addAttribute("roles", Role.values());
    model.addAttribute("districts", registry.districts());
    model.addAttribute("locks", guard.locks());
    model.addAttribute("zone", clock.getZone());
    return "users";
  }

  @PostMapping("/users")
  String create(
      @RequestParam(required = false) String username,
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String phone,
      Authentication auth,
      Model model,
      RedirectAttributes redirect,
      Locale locale) {
    try {
      String password =
          admin.create(
              callers.of(auth),
              form(username, displayName, role, district, street, community, phone, true));
      redirect.addFlashAttribute("newPassword", password);
      redirect.addFlashAttribute("passwordNotice", text("users.created", locale, username));
      return "redirect:/users";
    } catch (InvalidInputException e) {
      model.addAttribute(
          "errors", e.problems().stream().map(p -> problems.render(p, locale)).toList());
      return users(model);
    }
  }

  @PostMapping("/users/{username}")
  String update(
      @PathVariable String username,
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String street,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String phone,
      @RequestParam(defaultValue = "false") boolean enabled,
      Authentication auth,
      Model model,
      RedirectAttributes redirect,
      Locale locale) {
    try {
      if (!admin.update(
          callers.of(auth),
          username,
          form(username, displayName, role, district, street, community, phone, enabled))) {
        throw new InvalidInputException(
            "Account", List.of(FieldProblem.of("username", "user.notFound", username)));
      }
      redirect.addFlashAttribute("notice", text("users.saved", locale, username));
      return "redirect:/users";
    } catch (InvalidInputException e) {
      model.addAttribute(
          "errors", e.problems().stream().map(p -> problems.render(p, locale)).toList());
      return users(model);
    }
  }

  @PostMapping("/users/{username}/reset-password")
  String reset(
      @PathVariable String username,
      Authentication auth,
      RedirectAttributes redirect,
      Locale locale) {
    admin
        .resetPassword(callers.of(auth), username)
        .ifPresent(
            p -> {
              redirect.addFlashAttribute("newPassword", p);
              redirect.addFlashAttribute(
                  "passwordNotice", text("users.resetDone", locale, username));
            });
    return "redirect:/users";
  }

  @PostMapping("/users/unlock")
  String unlock(@RequestParam String key, RedirectAttributes redirect, Locale locale) {
    if (guard.unlock(key)) {
      redirect.addFlashAttribute("notice", text("users.unlocked", locale));
    }
    return "redirect:/users";
  }

  /** The form's fields as an account form; a bad phone or scope is a field problem. */
  static UserAdmin.AccountForm form(
      String username,
      String displayName,
      String role,
      String district,
      String street,
      String community,
      String phone,
      boolean enabled) {
    RegionScope scope;
    try {
      scope = new RegionScope(district, street, community);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Scope", List.of(FieldProblem.of("district", "required")));
    }
    String normalised = null;
    if (phone != null && !phone.isBlank()) {
      normalised =
          StaffPhoneNumbers.normalise(phone)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "Phone", List.of(FieldProblem.of("phone", "staffPhone.invalid", phone))));
    }
    return new UserAdmin.AccountForm(username, displayName, role, scope, normalised, enabled);
  }

  private static boolean signedIn(Authentication auth) {
    return auth != null
        && auth.isAuthenticated()
        && !(auth
            instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
