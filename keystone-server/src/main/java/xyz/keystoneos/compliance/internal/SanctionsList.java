package xyz.keystoneos.compliance.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A sanctions list ready for matching: every listed name and alias {@link NameNormalizer normalised} once, wallet
 * addresses in lower case. Built from a {@link SanctionsListFile}, which it checks (ids present and unique, every
 * entity with a name, every wallet with an address).
 */
final class SanctionsList {

    private record ListedEntity(String id, List<String> normalisedNames) {
    }

    private final List<ListedEntity> entities;
    private final Map<String, String> walletIds;

    private SanctionsList(List<ListedEntity> entities, Map<String, String> walletIds) {
        this.entities = entities;
        this.walletIds = walletIds;
    }

    /** @throws IllegalArgumentException naming every problem of the file */
    static SanctionsList of(SanctionsListFile file) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<ListedEntity> entities = new ArrayList<>();
        List<SanctionsListFile.Entity> listedEntities = orEmpty(file.entities());
        for (int i = 0; i < listedEntities.size(); i++) {
            SanctionsListFile.Entity entity = listedEntities.get(i);
            String field = "entities[" + i + "]";
            checkId(entity.id(), field, ids, problems);
            List<String> names = Stream.concat(Stream.of(entity.name()), orEmpty(entity.aliases()).stream())
                    .map(NameNormalizer::normalise).filter(name -> !name.isEmpty()).distinct().toList();
            if (blank(entity.name())) {
                problems.add(field + ".name is missing");
            } else {
                entities.add(new ListedEntity(entity.id(), names));
            }
        }
        Map<String, String> walletIds = new HashMap<>();
        List<SanctionsListFile.Wallet> listedWallets = orEmpty(file.wallets());
        for (int i = 0; i < listedWallets.size(); i++) {
            SanctionsListFile.Wallet wallet = listedWallets.get(i);
            String field = "wallets[" + i + "]";
            checkId(wallet.id(), field, ids, problems);
            if (blank(wallet.address())) {
                problems.add(field + ".address is missing");
            } else {
                walletIds.putIfAbsent(walletKey(wallet.address()), wallet.id());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new SanctionsList(List.copyOf(entities), Map.copyOf(walletIds));
    }

    /** The listed entity whose name or alias is most similar to the given name (the first listed on a tie). */
    Optional<NameMatch> bestNameMatch(String name) {
        String screened = NameNormalizer.normalise(name);
        NameMatch best = null;
        for (ListedEntity entity : entities) {
            for (String listed : entity.normalisedNames()) {
                double score = NameSimilarity.score(screened, listed);
                if (best == null || score > best.score()) {
                    best = new NameMatch(entity.id(), score);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The id of the listed wallet with this address, ignoring case and surrounding spaces. */
    Optional<String> walletId(String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(walletIds.get(walletKey(address)));
    }

    int entityCount() {
        return entities.size();
    }

    int walletCount() {
        return walletIds.size();
    }

    private static void checkId(String id, String field, Set<String> ids, List<String> problems) {
        if (blank(id)) {
            problems.add(field + ".id is missing");
        } else if (!ids.add(id)) {
            problems.add(field + ".id '" + id + "' is used twice");
        }
    }

    private static String walletKey(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
