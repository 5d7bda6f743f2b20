package xyz.keystoneos.identity;

import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.identity.internal.Members;
import xyz.keystoneos.shared.web.ApiException;

/** Adds members to a platform directly (first-start seeding, tests); people join through invitations otherwise. */
@Service
public class PlatformMembers {

    private final Members members;
    private final PasswordEncoder passwordEncoder;

    PlatformMembers(Members members, PasswordEncoder passwordEncoder) {
        this.members = members;
        this.passwordEncoder = passwordEncoder;
    }

    /** A new user with this role in the platform; answers the user's id. */
    @Transactional
    public UUID addMember(UUID platformId, String email, String name, String password, String role) {
        MemberRole memberRole = MemberRole.fromWire(role)
                .orElseThrow(() -> new IllegalArgumentException("Unknown role " + role));
        if (members.emailTaken(email)) {
            throw ApiException.conflict("email_taken", "An account with this e-mail address exists already");
        }
        UUID id = UUID.randomUUID();
        members.insertUser(id, email, name, passwordEncoder.encode(password));
        members.insertMembership(id, platformId, memberRole.wire());
        return id;
    }
}
