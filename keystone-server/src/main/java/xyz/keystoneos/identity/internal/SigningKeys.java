package xyz.keystoneos.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The issuer's RS256 keys, kept in the {@code signing_keys} table so that every node signs and verifies with the
 * same keys and tokens survive restarts. The newest unretired key signs; a retired key stays published (JWKS)
 * and trusted for {@link #RETIRED_KEY_TRUST} so that tokens it signed remain valid until they expire.
 *
 * <p>Keys are cached in memory, reloaded every minute and whenever a token names a key id this node has not seen
 * (another node rotated).
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    /** Token lifetime (24 h) plus clock-skew margin. */
    static final Duration RETIRED_KEY_TRUST = Duration.ofHours(25);
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);
    private static final long ADVISORY_LOCK = 0x4b53_4b45_5953L; // "KSKEYS"
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private volatile Loaded loaded;

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        ensureSigningKey();
        reload();
    }

    private record Loaded(JWKSet keys, JWKSet publicKeys, String signingKeyId, Instant at) {
    }

    /** The key id new tokens are signed with. */
    public String signingKeyId() {
        return loaded.signingKeyId();
    }

    /** Public keys as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return loaded.publicKeys();
    }

    /** Signing: private and public keys. */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return select(selector, false);
    }

    /**
     * Verification: public keys only (so verifying a token never converts a private key), reloaded when a token
     * names a key this node has not seen yet.
     */
    JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> select(selector, true);
    }

    /** Whether tokens signed with this key id are still accepted (the key is current or retired within the trust). */
    boolean trustsForVerification(String keyId) {
        return loaded.publicKeys().getKeyByKeyId(keyId) != null;
    }

    private List<JWK> select(JWKSelector selector, boolean publicOnly) {
        List<JWK> found = selector.select(publicOnly ? loaded.publicKeys() : loaded.keys());
        if (found.isEmpty() && Duration.between(loaded.at(), Instant.now()).compareTo(MIN_RELOAD_INTERVAL) > 0) {
            reload();
            found = selector.select(publicOnly ? loaded.publicKeys() : loaded.keys());
        }
        return found;
    }

    /** Creates a new signing key and retires the current one (on every node within a minute). */
    public String rotate() {
        String kid = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ADVISORY_LOCK).query().singleRow();
            String created = insertNewKey();
            jdbc.sql("update signing_keys set retired_at = now() where retired_at is null and kid <> :kid")
                    .param("kid", created).update();
            return created;
        });
        reload();
        log.info("Rotated the token signing key; new key id {}", kid);
        return kid;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void reload() {
        List<JWK> keys = jdbc.sql("""
                        select kid, private_key, public_key from signing_keys
                        where retired_at is null or retired_at > now() - make_interval(secs => :trust)
                        order by created_at desc, kid""")
                .param("trust", RETIRED_KEY_TRUST.toSeconds())
                .query((rs, n) -> (JWK) toJwk(rs.getString("kid"), rs.getBytes("private_key"),
                        rs.getBytes("public_key")))
                .list();
        String signing = jdbc.sql("""
                select kid from signing_keys where retired_at is null order by created_at desc, kid limit 1""")
                .query(String.class).single();
        JWKSet all = new JWKSet(keys);
        loaded = new Loaded(all, all.toPublicJWKSet(), signing, Instant.now());
    }

    private void ensureSigningKey() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ADVISORY_LOCK).query().singleRow();
            boolean present = jdbc.sql("select exists (select 1 from signing_keys where retired_at is null)")
                    .query(Boolean.class).single();
            if (!present) {
                String kid = insertNewKey();
                log.info("Generated the first token signing key; key id {}", kid);
            }
        });
    }

    private String insertNewKey() {
        KeyPair pair = generateRsaKeyPair();
        String kid = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into signing_keys (kid, algorithm, private_key, public_key)
                values (:kid, 'RS256', :private, :public)""")
                .param("kid", kid).param("private", pair.getPrivate().getEncoded())
                .param("public", pair.getPublic().getEncoded()).update();
        return kid;
    }

    private static KeyPair generateRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey toJwk(String kid, byte[] privateKey, byte[] publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Signing key " + kid + " in the database cannot be read", e);
        }
    }

}
