package xyz.keystoneos.chain.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.chain.SandboxLedger;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/**
 * {@code /v1/sandbox}: test-token faucet, leg deposits and balances on the simulated chain, for sandbox
 * environments only (403 {@code sandbox_only} elsewhere).
 */
@RestController
@RequestMapping("/v1/sandbox")
class SandboxController {

    private final SandboxLedger ledger;

    SandboxController(SandboxLedger ledger) {
        this.ledger = ledger;
    }

    /** Mints test tokens into a wallet; answers the wallet's new balance. */
    @PostMapping("/faucet")
    @RequiresScope(Scopes.SETTLEMENTS_WRITE)
    BalanceResponse faucet(@RequestBody FaucetRequest request, Caller caller) {
        SandboxAccess.requireSandbox(caller);
        FaucetRequest.Checked faucet = request.check();
        return BalanceResponse.of(faucet.wallet(), faucet.instrumentId(), faucet.chainId(),
                ledger.faucet(faucet.chainId(), faucet.instrumentId(), faucet.wallet(), faucet.quantity(),
                        caller.actor()));
    }

    /** Deposits a leg the caller's environment owns, as its wallet would by sending the leg's calldata. */
    @PostMapping("/settlements/{settlement_id}/legs/{leg_index}/deposit")
    @RequiresScope(Scopes.SETTLEMENTS_WRITE)
    DepositResponse deposit(@PathVariable("settlement_id") UUID settlementId,
            @PathVariable("leg_index") int legIndex, @RequestBody DepositRequest request, Caller caller) {
        UUID environmentId = SandboxAccess.requireSandbox(caller);
        caller.requireSettlementAccess(settlementId);
        request.check();
        return DepositResponse.of(ledger.deposit(settlementId, legIndex, request.depositSecret(), environmentId,
                caller.actor()));
    }

    /** A wallet's balance of one instrument; {@code chain_id} defaults to Sepolia (11155111). */
    @GetMapping("/balances")
    @RequiresScope(Scopes.SETTLEMENTS_READ)
    BalanceResponse balance(@RequestParam("wallet_address") String walletAddress,
            @RequestParam("instrument_id") String instrumentId,
            @RequestParam(name = "chain_id", required = false) Long chainId, Caller caller) {
        SandboxAccess.requireSandbox(caller);
        List<FieldError> errors = new ArrayList<>();
        String wallet = SandboxFields.wallet(walletAddress, errors);
        String instrument = SandboxFields.instrument(instrumentId, errors);
        long chain = SandboxFields.chainId(chainId, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return BalanceResponse.of(wallet, instrument, chain, ledger.balance(chain, instrument, wallet));
    }
}
