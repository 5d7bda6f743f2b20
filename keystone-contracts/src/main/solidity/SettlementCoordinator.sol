// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ComplianceRegistry} from "./ComplianceRegistry.sol";
import {KeystoneEscrow} from "./KeystoneEscrow.sol";

/// @title SettlementCoordinator
/// @notice The settlement state machine on chain (the dvp-standard workflow). Operators (KeyStone's signer) create
///         settlements and move them along registered transitions; the gates are enforced here: COMPLIANCE_CLEARED
///         needs every party cleared in the ComplianceRegistry, EXECUTING_SWAP needs every leg deposited in the
///         escrow. Entering FINALIZED delivers every leg, ROLLED_BACK and TIMED_OUT refund them. After a
///         settlement's deadline anyone may call timeout().
contract SettlementCoordinator {
    enum State {
        NONE,
        INSTRUCTED,
        COMPLIANCE_CHECKING,
        COMPLIANCE_CLEARED,
        AWAITING_DEPOSITS,
        EXECUTING_SWAP,
        FINALIZED,
        ROLLED_BACK,
        TIMED_OUT
    }

    struct Settlement {
        State state;
        uint64 deadline;
        address[] parties;
    }

    address public immutable owner;
    ComplianceRegistry public immutable registry;
    KeystoneEscrow public escrow;
    mapping(address => bool) public isOperator;
    mapping(State => mapping(State => bool)) public isRegisteredTransition;
    mapping(bytes32 => Settlement) private settlements;
    uint256 private lock = 1;

    event EscrowBound(address escrow);
    event OperatorSet(address indexed operator, bool allowed);
    event SettlementCreated(bytes32 indexed settlementId, uint64 deadline, uint256 partyCount, uint256 legCount);
    event StateTransition(bytes32 indexed settlementId, State from, State to, bytes32 evidenceHash,
        address indexed by);

    error NotOwner();
    error NotOperator();
    error Reentrancy();
    error EscrowAlreadyBound();
    error EscrowNotBound();
    error WrongCoordinator();
    error SettlementExists(bytes32 settlementId);
    error UnknownSettlement(bytes32 settlementId);
    error InvalidSettlement();
    error TransitionNotRegistered(State from, State to);
    error PartiesNotCleared(bytes32 settlementId);
    error LegsNotDeposited(bytes32 settlementId);
    error DeadlineNotReached(uint64 deadline);
    error NothingToTimeOut(State state);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    modifier onlyOperator() {
        if (!isOperator[msg.sender]) revert NotOperator();
        _;
    }

    modifier nonReentrant() {
        if (lock != 1) revert Reentrancy();
        lock = 2;
        _;
        lock = 1;
    }

    constructor(ComplianceRegistry registry_) {
        owner = msg.sender;
        registry = registry_;
        isOperator[msg.sender] = true;
        emit OperatorSet(msg.sender, true);
        _register(State.INSTRUCTED, State.COMPLIANCE_CHECKING);
        _register(State.COMPLIANCE_CHECKING, State.COMPLIANCE_CLEARED);
        _register(State.COMPLIANCE_CLEARED, State.AWAITING_DEPOSITS);
        _register(State.AWAITING_DEPOSITS, State.EXECUTING_SWAP);
        _register(State.EXECUTING_SWAP, State.FINALIZED);
        // Failures: rollback from every non-terminal state, timeout from every state before the swap.
        for (uint8 s = uint8(State.INSTRUCTED); s <= uint8(State.EXECUTING_SWAP); s++) {
            _register(State(s), State.ROLLED_BACK);
            if (State(s) != State.EXECUTING_SWAP) _register(State(s), State.TIMED_OUT);
        }
    }

    /// @notice Binds the escrow once; it must name this coordinator.
    function bindEscrow(KeystoneEscrow escrow_) external onlyOwner {
        if (address(escrow) != address(0)) revert EscrowAlreadyBound();
        if (escrow_.coordinator() != address(this)) revert WrongCoordinator();
        escrow = escrow_;
        emit EscrowBound(address(escrow_));
    }

    function setOperator(address operator, bool allowed) external onlyOwner {
        isOperator[operator] = allowed;
        emit OperatorSet(operator, allowed);
    }

    /// @notice Creates a settlement in INSTRUCTED and opens its legs in the escrow.
    function createSettlement(bytes32 settlementId, uint64 deadline, address[] calldata parties,
        KeystoneEscrow.LegSpec[] calldata legs) external onlyOperator nonReentrant {
        if (address(escrow) == address(0)) revert EscrowNotBound();
        Settlement storage s = settlements[settlementId];
        if (s.state != State.NONE) revert SettlementExists(settlementId);
        if (settlementId == bytes32(0) || parties.length == 0 || legs.length == 0 || deadline <= block.timestamp) {
            revert InvalidSettlement();
        }
        s.state = State.INSTRUCTED;
        s.deadline = deadline;
        s.parties = parties;
        escrow.openLegs(settlementId, legs);
        emit SettlementCreated(settlementId, deadline, parties.length, legs.length);
        emit StateTransition(settlementId, State.NONE, State.INSTRUCTED, bytes32(0), msg.sender);
    }

    /// @notice Moves a settlement along a registered transition, enforcing the gates and the escrow effects.
    function transition(bytes32 settlementId, State target, bytes32 evidenceHash) external onlyOperator nonReentrant {
        Settlement storage s = settlements[settlementId];
        State from = s.state;
        if (from == State.NONE) revert UnknownSettlement(settlementId);
        if (!isRegisteredTransition[from][target]) revert TransitionNotRegistered(from, target);
        if (target == State.COMPLIANCE_CLEARED && !registry.areAllPartiesCleared(settlementId, s.parties)) {
            revert PartiesNotCleared(settlementId);
        }
        if (target == State.EXECUTING_SWAP && !escrow.allDeposited(settlementId)) revert LegsNotDeposited(settlementId);
        _enter(settlementId, s, from, target, evidenceHash);
    }

    /// @notice Permissionless, once the deadline passed: a settlement still waiting (before the swap) times out
    ///         and its deposits go back; one whose swap was already decided (EXECUTING_SWAP: every leg deposited)
    ///         is completed. Funds can never stay locked after the deadline.
    function timeout(bytes32 settlementId) external nonReentrant {
        Settlement storage s = settlements[settlementId];
        State from = s.state;
        if (from == State.NONE) revert UnknownSettlement(settlementId);
        if (block.timestamp < s.deadline) revert DeadlineNotReached(s.deadline);
        if (from == State.EXECUTING_SWAP) {
            _enter(settlementId, s, from, State.FINALIZED, bytes32(0));
        } else if (isRegisteredTransition[from][State.TIMED_OUT]) {
            _enter(settlementId, s, from, State.TIMED_OUT, bytes32(0));
        } else {
            revert NothingToTimeOut(from);
        }
    }

    function stateOf(bytes32 settlementId) external view returns (State) {
        return settlements[settlementId].state;
    }

    function deadlineOf(bytes32 settlementId) external view returns (uint64) {
        return settlements[settlementId].deadline;
    }

    function partiesOf(bytes32 settlementId) external view returns (address[] memory) {
        return settlements[settlementId].parties;
    }

    /// @notice Deposits are taken only while the settlement awaits them and before its deadline.
    function acceptsDeposits(bytes32 settlementId) external view returns (bool) {
        Settlement storage s = settlements[settlementId];
        return s.state == State.AWAITING_DEPOSITS && block.timestamp < s.deadline;
    }

    function _enter(bytes32 settlementId, Settlement storage s, State from, State target, bytes32 evidenceHash)
        private
    {
        s.state = target;
        emit StateTransition(settlementId, from, target, evidenceHash, msg.sender);
        if (target == State.FINALIZED) {
            escrow.executeSettlement(settlementId);
        } else if (target == State.ROLLED_BACK) {
            escrow.rollbackSettlement(settlementId);
        } else if (target == State.TIMED_OUT) {
            escrow.timeoutSettlement(settlementId);
        }
    }

    function _register(State from, State to) private {
        isRegisteredTransition[from][to] = true;
    }
}
