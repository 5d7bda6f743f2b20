package xyz.keystoneos.identity.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login form and the invitation page, rendered by Thymeleaf ({@code templates/identity/}). */
@Controller
class LoginController {

    static final int MIN_PASSWORD_LENGTH = 12;

    private final Members members;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transactions;

    LoginController(Members members, PasswordEncoder passwordEncoder, TransactionTemplate transactions) {
        this.members = members;
        this.passwordEncoder = passwordEncoder;
        this.transactions = transactions;
    }

    @GetMapping(LoginPages.LOGIN_PATH)
    String login() {
        return "identity/login";
    }

    @GetMapping("/invitations/{token}")
    String invitation(@PathVariable("token") String token, Model model) {
        Optional<Members.Invitation> invitation = usable(token);
        if (invitation.isEmpty()) {
            model.addAttribute("invalid", true);
            return "identity/invitation";
        }
        model.addAttribute("email", invitation.get().email());
        model.addAttribute("role", invitation.get().role());
        return "identity/invitation";
    }

    /** Creates the account and its membership; the invitation can be used once. */
    @PostMapping("/invitations/{token}")
    String accept(@PathVariable("token") String token, @RequestParam("name") String name,
            @RequestParam("password") String password, Model model) {
        String problem = name == null || name.isBlank() || name.length() > 200 ? "Enter your name (at most 200 characters)."
                : password == null || password.length() < MIN_PASSWORD_LENGTH
                        ? "Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters." : null;
        Optional<Members.Invitation> found = usable(token);
        if (found.isEmpty()) {
            model.addAttribute("invalid", true);
            return "identity/invitation";
        }
        if (problem != null) {
            model.addAttribute("email", found.get().email());
            model.addAttribute("role", found.get().role());
            model.addAttribute("problem", problem);
            return "identity/invitation";
        }
        Boolean accepted = transactions.execute(status -> {
            Optional<Members.Invitation> locked = members.lockInvitationByTokenHash(MembersController.hash(token))
                    .filter(LoginController::open);
            if (locked.isEmpty() || members.emailTaken(locked.get().email())) {
                return false;
            }
            UUID id = UUID.randomUUID();
            members.insertUser(id, locked.get().email(), name.strip(), passwordEncoder.encode(password));
            members.insertMembership(id, locked.get().platformId(), locked.get().role());
            members.acceptInvitation(locked.get().id());
            return true;
        });
        if (!Boolean.TRUE.equals(accepted)) {
            model.addAttribute("invalid", true);
            return "identity/invitation";
        }
        return "redirect:" + LoginPages.LOGIN_PATH + "?joined";
    }

    private Optional<Members.Invitation> usable(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return members.findInvitationByTokenHash(MembersController.hash(token)).filter(LoginController::open);
    }

    private static boolean open(Members.Invitation invitation) {
        return invitation.acceptedAt() == null && invitation.revokedAt() == null
                && invitation.expiresAt().isAfter(Instant.now());
    }
}
