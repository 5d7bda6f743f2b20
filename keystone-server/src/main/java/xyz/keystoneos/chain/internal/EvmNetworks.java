package xyz.keystoneos.chain.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.chain.InstrumentIds;
import xyz.keystoneos.chain.WalletAddress;
import xyz.keystoneos.contracts.EvmClient;
import xyz.keystoneos.contracts.KeystoneContracts;

/**
 * The configured EVM chains and, once first needed, a connection to each: the operator's {@link EvmClient} and
 * the contract addresses (configured, or deployed by this server on a dev node and remembered in
 * {@code evm_deployments}; redeployed when the node no longer has code there, as after a dev node restart).
 */
@Component
public class EvmNetworks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EvmNetworks.class);
    private static final int DEPLOY_LOCK = 0x45564d31;

    /** A connected chain. */
    public record Network(long chainId, EvmChainProperties.Chain settings, EvmClient client,
            KeystoneContracts contracts, long deployBlock) {
    }

    private final EvmChainProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<Long, Network> connected = new ConcurrentHashMap<>();

    EvmNetworks(EvmChainProperties properties, JdbcClient jdbc, TransactionTemplate transactions) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Whether the chain is served by the evm adapter. */
    public boolean serves(long chainId) {
        return properties.getEvm().containsKey(chainId);
    }

    public Set<Long> chainIds() {
        return properties.getEvm().keySet();
    }

    public EvmChainProperties.Chain settings(long chainId) {
        EvmChainProperties.Chain chain = properties.getEvm().get(chainId);
        if (chain == null) {
            throw new IllegalArgumentException("Chain " + chainId + " is not an evm chain");
        }
        return chain;
    }

    /**
     * The token address of an instrument on an evm chain: the id itself when it is an address, else its entry in
     * {@code tokens}.
     *
     * @throws IllegalArgumentException when the instrument names no token on that chain
     */
    public String tokenAddress(long chainId, String instrumentId) {
        String normalized = InstrumentIds.normalize(instrumentId);
        if (WalletAddress.isValid(normalized)) {
            return WalletAddress.normalize(normalized);
        }
        String alias = settings(chainId).getTokens().get(instrumentId);
        if (alias == null) {
            throw new IllegalArgumentException("Instrument " + instrumentId + " is no token on chain " + chainId
                    + ": use the token's address, or map it under keystone.chains.evm." + chainId + ".tokens");
        }
        return WalletAddress.normalize(alias);
    }

    /** The escrow address the watcher and the deposit instructions use, without connecting when configured. */
    public String escrowAddress(long chainId) {
        String configured = settings(chainId).getEscrowAddress();
        return configured != null ? WalletAddress.normalize(configured) : network(chainId).contracts().escrow();
    }

    /** Connects (once) and answers the chain's client and contracts. */
    public Network network(long chainId) {
        Network network = connected.get(chainId);
        if (network != null) {
            return network;
        }
        synchronized (this) {
            return connected.computeIfAbsent(chainId, this::connect);
        }
    }

    /** The network if it was connected already. */
    public Optional<Network> ifConnected(long chainId) {
        return Optional.ofNullable(connected.get(chainId));
    }

    private Network connect(long chainId) {
        EvmChainProperties.Chain settings = settings(chainId);
        EvmClient client = EvmClient.connect(settings.getRpcUrl(), settings.resolveSignerKey(chainId),
                settings.getReceiptTimeout());
        if (client.chainId() != chainId) {
            client.close();
            throw new IllegalStateException("The node at " + settings.getRpcUrl() + " serves chain "
                    + client.chainId() + ", configured as chain " + chainId);
        }
        if (settings.getEscrowAddress() != null) {
            KeystoneContracts contracts = new KeystoneContracts(lower(settings.getRegistryAddress()),
                    lower(settings.getCoordinatorAddress()), lower(settings.getEscrowAddress()));
            log.info("Chain {}: using escrow {} and coordinator {}", chainId, contracts.escrow(),
                    contracts.coordinator());
            return new Network(chainId, settings, client, contracts,
                    settings.getStartBlock() != null ? settings.getStartBlock() : client.blockNumber());
        }
        if (!settings.isDeployContracts()) {
            client.close();
            throw new IllegalStateException("Chain " + chainId + ": configure registry-address, coordinator-address"
                    + " and escrow-address, or set deploy-contracts=true on a dev node");
        }
        return transactions.execute(status -> deployed(chainId, settings, client));
    }

    private Network deployed(long chainId, EvmChainProperties.Chain settings, EvmClient client) {
        jdbc.sql("select pg_advisory_xact_lock(:class, :key)").param("class", DEPLOY_LOCK)
                .param("key", Long.hashCode(chainId)).query((rs, row) -> Boolean.TRUE).single();
        Optional<Network> known = jdbc.sql("""
                select registry, coordinator, escrow, deploy_block from evm_deployments where chain_id = :chain""")
                .param("chain", chainId)
                .query((rs, row) -> new Network(chainId, settings, client, new KeystoneContracts(
                        rs.getString("registry"), rs.getString("coordinator"), rs.getString("escrow")),
                        rs.getLong("deploy_block")))
                .optional();
        if (known.isPresent() && client.hasCode(known.get().contracts().escrow())) {
            return known.get();
        }
        long deployBlock = client.blockNumber();
        KeystoneContracts contracts = KeystoneContracts.deploy(client);
        jdbc.sql("""
                insert into evm_deployments (chain_id, registry, coordinator, escrow, deploy_block)
                values (:chain, :registry, :coordinator, :escrow, :block)
                on conflict (chain_id) do update set registry = excluded.registry,
                    coordinator = excluded.coordinator, escrow = excluded.escrow, deploy_block = excluded.deploy_block,
                    deployed_at = now()""")
                .param("chain", chainId).param("registry", contracts.registry())
                .param("coordinator", contracts.coordinator()).param("escrow", contracts.escrow())
                .param("block", deployBlock).update();
        log.info("Chain {}: deployed ComplianceRegistry {}, SettlementCoordinator {}, KeystoneEscrow {}", chainId,
                contracts.registry(), contracts.coordinator(), contracts.escrow());
        return new Network(chainId, settings, client, contracts, deployBlock);
    }

    private static String lower(String address) {
        if (address == null) {
            throw new IllegalStateException("registry-address, coordinator-address and escrow-address go together");
        }
        return WalletAddress.normalize(address);
    }

    @Override
    public void destroy() {
        connected.values().forEach(network -> network.client().close());
    }
}
