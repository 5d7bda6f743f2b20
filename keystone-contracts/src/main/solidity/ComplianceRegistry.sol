// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title ComplianceRegistry
/// @notice Screening outcomes per settlement and party, attested by KeyStone's attesters. The coordinator asks it
///         whether every party of a settlement is cleared before the settlement may enter COMPLIANCE_CLEARED.
contract ComplianceRegistry {
    enum Outcome { NONE, CLEARED, REJECTED }

    address public immutable owner;
    mapping(address => bool) public isAttester;
    mapping(bytes32 => mapping(address => Outcome)) public outcomeOf;

    event AttesterSet(address indexed attester, bool allowed);
    event Attested(bytes32 indexed settlementId, address indexed party, bool cleared, bytes32 evidenceHash,
        address attester);

    error NotOwner();
    error NotAttester();
    error ZeroAddress();

    constructor() {
        owner = msg.sender;
        isAttester[msg.sender] = true;
        emit AttesterSet(msg.sender, true);
    }

    function setAttester(address attester, bool allowed) external {
        if (msg.sender != owner) revert NotOwner();
        if (attester == address(0)) revert ZeroAddress();
        isAttester[attester] = allowed;
        emit AttesterSet(attester, allowed);
    }

    /// @notice Records the screening outcome of one party of a settlement; a later attestation replaces it.
    function attest(bytes32 settlementId, address party, bool cleared, bytes32 evidenceHash) external {
        if (!isAttester[msg.sender]) revert NotAttester();
        if (party == address(0)) revert ZeroAddress();
        outcomeOf[settlementId][party] = cleared ? Outcome.CLEARED : Outcome.REJECTED;
        emit Attested(settlementId, party, cleared, evidenceHash, msg.sender);
    }

    function isCleared(bytes32 settlementId, address party) public view returns (bool) {
        return outcomeOf[settlementId][party] == Outcome.CLEARED;
    }

    /// @notice True when there is at least one party and every one is cleared.
    function areAllPartiesCleared(bytes32 settlementId, address[] calldata parties) external view returns (bool) {
        if (parties.length == 0) return false;
        for (uint256 i = 0; i < parties.length; i++) {
            if (!isCleared(settlementId, parties[i])) return false;
        }
        return true;
    }
}
