package xyz.keystoneos.chain.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code keystone.chains.evm.<chain id>.*}: the chains served by the evm adapter instead of the simulated ledger.
 * See docs/chains.md ("Real networks") for every setting.
 */
@ConfigurationProperties("keystone.chains")
public class EvmChainProperties {

    private Map<Long, Chain> evm = new LinkedHashMap<>();

    public Map<Long, Chain> getEvm() {
        return evm;
    }

    public void setEvm(Map<Long, Chain> evm) {
        this.evm = evm;
    }

    /** One EVM chain. */
    public static class Chain {

        /** JSON-RPC endpoint. */
        private String rpcUrl;
        /** Name of the environment variable holding the signer's private key (0x + 64 hex). */
        private String signerKeyEnv = "KEYSTONE_EVM_SIGNER_KEY";
        /** The key itself; only for dev nodes whose keys are public (ganache). Wins over signer-key-env. */
        private String signerKey;
        private String registryAddress;
        private String coordinatorAddress;
        private String escrowAddress;
        /** Deploy the three contracts when no addresses are configured (dev nodes); recorded in evm_deployments. */
        private boolean deployContracts;
        /** A log is applied once its block has this many blocks on top of it, itself included (1 = at once). */
        private int confirmations = 12;
        private Duration pollInterval = Duration.ofSeconds(2);
        /** The on-chain deadline is the settlement's timeout_at plus this: the operator's time to finish a swap. */
        private Duration timeoutGrace = Duration.ofMinutes(10);
        private Duration receiptTimeout = Duration.ofMinutes(3);
        private int maxBlockRange = 1000;
        /** First block the watcher reads when it has no cursor yet (default: the deployment block or the head). */
        private Long startBlock;
        /** Instrument ids that are not token addresses, mapped to token addresses (BOND-2026-A: 0x…). */
        private Map<String, String> tokens = new LinkedHashMap<>();

        public String getRpcUrl() {
            return rpcUrl;
        }

        public void setRpcUrl(String rpcUrl) {
            this.rpcUrl = rpcUrl;
        }

        public String getSignerKeyEnv() {
            return signerKeyEnv;
        }

        public void setSignerKeyEnv(String signerKeyEnv) {
            this.signerKeyEnv = signerKeyEnv;
        }

        public String getSignerKey() {
            return signerKey;
        }

        public void setSignerKey(String signerKey) {
            this.signerKey = signerKey;
        }

        public String getRegistryAddress() {
            return registryAddress;
        }

        public void setRegistryAddress(String registryAddress) {
            this.registryAddress = registryAddress;
        }

        public String getCoordinatorAddress() {
            return coordinatorAddress;
        }

        public void setCoordinatorAddress(String coordinatorAddress) {
            this.coordinatorAddress = coordinatorAddress;
        }

        public String getEscrowAddress() {
            return escrowAddress;
        }

        public void setEscrowAddress(String escrowAddress) {
            this.escrowAddress = escrowAddress;
        }

        public boolean isDeployContracts() {
            return deployContracts;
        }

        public void setDeployContracts(boolean deployContracts) {
            this.deployContracts = deployContracts;
        }

        public int getConfirmations() {
            return confirmations;
        }

        public void setConfirmations(int confirmations) {
            this.confirmations = confirmations;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getTimeoutGrace() {
            return timeoutGrace;
        }

        public void setTimeoutGrace(Duration timeoutGrace) {
            this.timeoutGrace = timeoutGrace;
        }

        public Duration getReceiptTimeout() {
            return receiptTimeout;
        }

        public void setReceiptTimeout(Duration receiptTimeout) {
            this.receiptTimeout = receiptTimeout;
        }

        public int getMaxBlockRange() {
            return maxBlockRange;
        }

        public void setMaxBlockRange(int maxBlockRange) {
            this.maxBlockRange = maxBlockRange;
        }

        public Long getStartBlock() {
            return startBlock;
        }

        public void setStartBlock(Long startBlock) {
            this.startBlock = startBlock;
        }

        public Map<String, String> getTokens() {
            return tokens;
        }

        public void setTokens(Map<String, String> tokens) {
            this.tokens = tokens;
        }

        /** The signer key from signer-key, else from the environment variable signer-key-env. */
        String resolveSignerKey(long chainId) {
            if (signerKey != null && !signerKey.isBlank()) {
                return signerKey;
            }
            String fromEnvironment = System.getenv(signerKeyEnv);
            if (fromEnvironment == null || fromEnvironment.isBlank()) {
                throw new IllegalStateException("Chain " + chainId + ": no signer key; set the environment variable "
                        + signerKeyEnv + " to the operator's private key");
            }
            return fromEnvironment.trim();
        }
    }
}
