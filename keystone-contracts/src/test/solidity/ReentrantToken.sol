// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {TestToken} from "../../main/solidity/TestToken.sol";

interface IEscrowTarget {
    function depositLeg(bytes32 settlementId, uint256 legIndex, bytes32 depositSecret) external;
    function claimTimeout(bytes32 settlementId) external;
}

/// @notice A hostile token for the reentrancy tests: on every transfer it calls back into the escrow with whatever
///         call was armed, and records whether that reentrant call went through.
contract ReentrantToken is TestToken("Reentrant", "REENTER", 0) {
    address public target;
    bytes public armedCall;
    bool public reentered;
    bool public reentrySucceeded;

    function arm(address target_, bytes calldata call_) external {
        target = target_;
        armedCall = call_;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        _reenter();
        return super.transfer(to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _reenter();
        return super.transferFrom(from, to, amount);
    }

    function _reenter() private {
        if (target == address(0) || reentered) return;
        reentered = true;
        (bool ok,) = target.call(armedCall);
        reentrySucceeded = ok;
    }
}
