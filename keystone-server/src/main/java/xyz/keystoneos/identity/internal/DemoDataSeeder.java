package xyz.keystoneos.identity.internal;

import java.io.PrintStream;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.identity.Scopes;

/**
 * On the first start against an empty database, creates an operator account and client and two demo platforms
 * ("Acme Securities", "Beta Capital"), each with a sandbox environment and an M2M client, and prints the
 * credentials once to standard output (never to the log). Later starts, and other nodes racing the first, find
 * the data present and print nothing.
 */
@Component
@Order(0)
class DemoDataSeeder implements ApplicationRunner {

    private static final long ADVISORY_LOCK = 0x4b53_5345_4544L; // "KSSEED"

    private final boolean enabled;
    private final IdentityRepository identities;
    private final PlatformOnboarding onboarding;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final KeystoneAuthProperties auth;
    private final xyz.keystoneos.identity.PlatformMembers members;

    DemoDataSeeder(@Value("${keystone.seed.demo-data}") boolean enabled, IdentityRepository identities,
            PlatformOnboarding onboarding, TransactionTemplate transactions, JdbcClient jdbc,
            KeystoneAuthProperties auth, xyz.keystoneos.identity.PlatformMembers members) {
        this.members = members;
        this.enabled = enabled;
        this.identities = identities;
        this.onboarding = onboarding;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.auth = auth;
    }

    record Seeded(String operatorEmail, String operatorPassword, ClientCredentials operatorClient,
            List<SeededPlatform> platforms) {
    }

    record SeededPlatform(String name, RegisteredPlatform platform, ClientCredentials client, String managerEmail,
            String managerPassword) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        Seeded seeded = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ADVISORY_LOCK).query().singleRow();
            return identities.anyPlatformOrOperatorExists() ? null : seed();
        });
        if (seeded != null) {
            print(seeded, System.out);
        }
    }

    private Seeded seed() {
        String operatorPassword = ClientSecrets.random(18);
        onboarding.createOperator("operator@keystone.local", "KeyStone Operator", operatorPassword);
        ClientCredentials operatorClient = onboarding.createOperatorClient("Operator automation");
        List<SeededPlatform> platforms = List.of(
                platform("Acme Securities", "acme-securities", "manager@acme.example"),
                platform("Beta Capital", "beta-capital", "manager@beta.example"));
        return new Seeded("operator@keystone.local", operatorPassword, operatorClient, platforms);
    }

    private SeededPlatform platform(String name, String slug, String managerEmail) {
        RegisteredPlatform platform = onboarding.registerPlatform(name, slug);
        ClientCredentials client = onboarding.createClient(platform.platformId(), platform.environmentId(),
                name + " sandbox integration", Scopes.PLATFORM);
        String managerPassword = ClientSecrets.random(18);
        members.addMember(platform.platformId(), managerEmail, name + " manager", managerPassword,
                xyz.keystoneos.identity.MemberRole.PLATFORM_MANAGER.wire());
        return new SeededPlatform(name, platform, client, managerEmail, managerPassword);
    }

    private void print(Seeded seeded, PrintStream out) {
        StringBuilder text = new StringBuilder();
        text.append("\n==================== KeyStone OS: first start ====================\n");
        text.append("Demo data was created. These secrets are shown ONCE; store them now.\n\n");
        for (SeededPlatform platform : seeded.platforms()) {
            text.append(platform.name()).append(" (sandbox environment 'development')\n")
                    .append("  client_id:     ").append(platform.client().clientId()).append('\n')
                    .append("  client_secret: ").append(platform.client().clientSecret()).append('\n')
                    .append("  dashboard login (platform_manager): ").append(platform.managerEmail()).append(" / ")
                    .append(platform.managerPassword()).append("\n\n");
        }
        text.append("Operator client (templates:write, admin)\n")
                .append("  client_id:     ").append(seeded.operatorClient().clientId()).append('\n')
                .append("  client_secret: ").append(seeded.operatorClient().clientSecret()).append("\n\n")
                .append("Operator login: ").append(seeded.operatorEmail()).append(" / ")
                .append(seeded.operatorPassword()).append("\n\n")
                .append("Dashboard: http://127.0.0.1:<port>/ (sign in with a login above)\n\n")
                .append("Get a token:\n  curl -s -X POST http://localhost:<port>/oauth/token -H 'content-type: "
                        + "application/json' \\\n    -d '{\"grant_type\":\"client_credentials\",\"client_id\":\"")
                .append(seeded.platforms().getFirst().client().clientId())
                .append("\",\"client_secret\":\"<secret above>\",\"audience\":\"").append(auth.audience())
                .append("\"}'\n")
                .append("==================================================================\n");
        out.print(text);
        out.flush();
    }
}
