package xyz.keystoneos.compliance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.compliance.ComplianceProvider;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningOutcome;

/**
 * The built-in provider {@value #NAME}: screens names (fuzzy, see {@link NameSimilarity}) and wallet addresses
 * (exact, ignoring case) against a list read at startup from {@code keystone.compliance.sanctions-list.location}.
 * A name scoring at least {@value #FAIL_SCORE} fails, at least {@value #FLAG_SCORE} is flagged for a human, below
 * passes. References name the list entry ({@code sanctions_list:match:<id>},
 * {@code sanctions_list:possible_match:<id>}) or say {@code sanctions_list:clear}; listed names are never returned.
 * A list that cannot be read or is invalid stops the startup.
 */
@Component
class SanctionsListProvider implements ComplianceProvider {

    static final String NAME = "sanctions_list";
    static final double FAIL_SCORE = 0.97;
    static final double FLAG_SCORE = 0.88;
    static final String CLEAR = NAME + ":clear";

    private static final Logger log = LoggerFactory.getLogger(SanctionsListProvider.class);

    private final SanctionsList list;

    @Autowired
    SanctionsListProvider(ComplianceProperties properties, ResourceLoader resources, JsonMapper json) {
        this(read(resources.getResource(properties.sanctionsList().location()), json));
    }

    SanctionsListProvider(SanctionsList list) {
        this.list = list;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderVerdict screenEntity(String name) {
        Optional<NameMatch> match = list.bestNameMatch(name);
        if (match.isEmpty() || match.get().score() < FLAG_SCORE) {
            return new ProviderVerdict(ScreeningOutcome.PASS, CLEAR);
        }
        if (match.get().score() >= FAIL_SCORE) {
            return new ProviderVerdict(ScreeningOutcome.FAIL, NAME + ":match:" + match.get().entryId());
        }
        return new ProviderVerdict(ScreeningOutcome.FLAGGED, NAME + ":possible_match:" + match.get().entryId());
    }

    @Override
    public ProviderVerdict screenWallet(String walletAddress, long chainId) {
        return list.walletId(walletAddress)
                .map(id -> new ProviderVerdict(ScreeningOutcome.FAIL, NAME + ":match:" + id))
                .orElseGet(() -> new ProviderVerdict(ScreeningOutcome.PASS, CLEAR));
    }

    static SanctionsList read(Resource resource, JsonMapper json) {
        SanctionsListFile file;
        try (InputStream in = resource.getInputStream()) {
            file = json.readValue(in, SanctionsListFile.class);
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("The sanctions list " + resource.getDescription() + " cannot be read: "
                    + e.getMessage(), e);
        }
        SanctionsList list;
        try {
            list = SanctionsList.of(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The sanctions list " + resource.getDescription() + " is invalid: "
                    + e.getMessage(), e);
        }
        log.info("Loaded the sanctions list '{}' (version {}): {} entities, {} wallet addresses", file.name(),
                file.version(), list.entityCount(), list.walletCount());
        return list;
    }
}
