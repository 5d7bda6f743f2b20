// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20, SafeTransfers} from "./IERC20.sol";

interface ICoordinatorView {
    function acceptsDeposits(bytes32 settlementId) external view returns (bool);
    function timeout(bytes32 settlementId) external;
}

/// @title KeystoneEscrow
/// @notice Holds the legs of settlements. A leg is deposited by whoever shows its secret
///         (keccak256(secret) == depositKey) and pays its amount; the tokens go to the recipients all at once when
///         the coordinator executes the settlement, or back to whoever paid them on rollback or timeout. Only the
///         coordinator moves escrowed tokens, and only in those three ways: there is no admin withdrawal.
contract KeystoneEscrow {
    using SafeTransfers for IERC20;

    enum LegStatus { NONE, PENDING, DEPOSITED, RELEASED, REFUNDED }

    struct LegSpec {
        address token;
        uint256 amount;
        address depositor;
        address recipient;
        bytes32 depositKey;
    }

    struct Leg {
        address token;
        uint256 amount;
        address depositor;
        address recipient;
        bytes32 depositKey;
        address payer;
        LegStatus status;
    }

    address public immutable coordinator;
    mapping(bytes32 => Leg[]) private legs;
    mapping(bytes32 => uint256) public depositedCount;
    uint256 private lock = 1;

    event LegsOpened(bytes32 indexed settlementId, uint256 legCount);
    event LegDeposited(bytes32 indexed settlementId, uint256 indexed legIndex, address indexed payer,
        address token, uint256 amount, bool allDeposited);
    event SettlementExecuted(bytes32 indexed settlementId, uint256 legCount);
    event SettlementRolledBack(bytes32 indexed settlementId, uint256 refundedLegs);
    event SettlementTimedOut(bytes32 indexed settlementId, uint256 refundedLegs);

    error NotCoordinator();
    error Reentrancy();
    error AlreadyOpened(bytes32 settlementId);
    error InvalidLeg(uint256 legIndex);
    error UnknownLeg(bytes32 settlementId, uint256 legIndex);
    error InvalidDepositSecret();
    error LegNotPending(uint256 legIndex, LegStatus status);
    error DepositsNotOpen(bytes32 settlementId);
    error NotAllDeposited(bytes32 settlementId);
    error AmountMismatch(uint256 expected, uint256 received);

    modifier onlyCoordinator() {
        if (msg.sender != coordinator) revert NotCoordinator();
        _;
    }

    modifier nonReentrant() {
        if (lock != 1) revert Reentrancy();
        lock = 2;
        _;
        lock = 1;
    }

    constructor(address coordinator_) {
        coordinator = coordinator_;
    }

    /// @notice Registers the legs of a new settlement (called by the coordinator's createSettlement).
    function openLegs(bytes32 settlementId, LegSpec[] calldata specs) external onlyCoordinator {
        if (legs[settlementId].length != 0) revert AlreadyOpened(settlementId);
        for (uint256 i = 0; i < specs.length; i++) {
            LegSpec calldata s = specs[i];
            if (s.token == address(0) || s.amount == 0 || s.depositor == address(0) || s.recipient == address(0)
                || s.depositKey == bytes32(0)) revert InvalidLeg(i);
            legs[settlementId].push(Leg(s.token, s.amount, s.depositor, s.recipient, s.depositKey, address(0),
                LegStatus.PENDING));
        }
        emit LegsOpened(settlementId, specs.length);
    }

    /// @notice Deposits a leg: pulls its amount from the caller (who must have approved it) into escrow.
    function depositLeg(bytes32 settlementId, uint256 legIndex, bytes32 depositSecret) external nonReentrant {
        Leg[] storage all = legs[settlementId];
        if (legIndex >= all.length) revert UnknownLeg(settlementId, legIndex);
        Leg storage leg = all[legIndex];
        if (keccak256(abi.encodePacked(depositSecret)) != leg.depositKey) revert InvalidDepositSecret();
        if (leg.status != LegStatus.PENDING) revert LegNotPending(legIndex, leg.status);
        if (!ICoordinatorView(coordinator).acceptsDeposits(settlementId)) revert DepositsNotOpen(settlementId);
        leg.status = LegStatus.DEPOSITED;
        leg.payer = msg.sender;
        uint256 deposited = ++depositedCount[settlementId];
        IERC20 token = IERC20(leg.token);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), leg.amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != leg.amount) revert AmountMismatch(leg.amount, received);
        emit LegDeposited(settlementId, legIndex, msg.sender, leg.token, leg.amount, deposited == all.length);
    }

    /// @notice Delivers every leg to its recipient in one step; every leg must be deposited.
    function executeSettlement(bytes32 settlementId) external onlyCoordinator nonReentrant {
        Leg[] storage all = legs[settlementId];
        if (all.length == 0 || depositedCount[settlementId] != all.length) revert NotAllDeposited(settlementId);
        for (uint256 i = 0; i < all.length; i++) {
            all[i].status = LegStatus.RELEASED;
        }
        depositedCount[settlementId] = 0;
        for (uint256 i = 0; i < all.length; i++) {
            IERC20(all[i].token).safeTransfer(all[i].recipient, all[i].amount);
        }
        emit SettlementExecuted(settlementId, all.length);
    }

    /// @notice Returns every deposited leg to whoever paid it and closes the pending ones.
    function rollbackSettlement(bytes32 settlementId) external onlyCoordinator nonReentrant {
        emit SettlementRolledBack(settlementId, _refundAll(settlementId));
    }

    /// @notice Like rollbackSettlement, for a settlement that timed out.
    function timeoutSettlement(bytes32 settlementId) external onlyCoordinator nonReentrant {
        emit SettlementTimedOut(settlementId, _refundAll(settlementId));
    }

    /// @notice Anyone may end a settlement whose deadline passed (see SettlementCoordinator.timeout).
    function claimTimeout(bytes32 settlementId) external {
        ICoordinatorView(coordinator).timeout(settlementId);
    }

    function legCount(bytes32 settlementId) external view returns (uint256) {
        return legs[settlementId].length;
    }

    function legOf(bytes32 settlementId, uint256 legIndex) external view returns (Leg memory) {
        if (legIndex >= legs[settlementId].length) revert UnknownLeg(settlementId, legIndex);
        return legs[settlementId][legIndex];
    }

    function allDeposited(bytes32 settlementId) external view returns (bool) {
        uint256 count = legs[settlementId].length;
        return count != 0 && depositedCount[settlementId] == count;
    }

    function _refundAll(bytes32 settlementId) private returns (uint256 refunded) {
        Leg[] storage all = legs[settlementId];
        address[] memory payers = new address[](all.length);
        for (uint256 i = 0; i < all.length; i++) {
            Leg storage leg = all[i];
            if (leg.status == LegStatus.DEPOSITED) {
                payers[i] = leg.payer;
                refunded++;
            }
            if (leg.status == LegStatus.PENDING || leg.status == LegStatus.DEPOSITED) {
                leg.status = LegStatus.REFUNDED;
            }
        }
        depositedCount[settlementId] = 0;
        for (uint256 i = 0; i < all.length; i++) {
            if (payers[i] != address(0)) {
                IERC20(all[i].token).safeTransfer(payers[i], all[i].amount);
            }
        }
    }
}
