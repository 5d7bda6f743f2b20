// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice The part of ERC-20 the escrow uses.
interface IERC20 {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @notice ERC-20 transfers that accept tokens returning nothing and revert on `false` or a failed call.
library SafeTransfers {
    error TokenTransferFailed(address token);

    function safeTransfer(IERC20 token, address to, uint256 amount) internal {
        _call(token, abi.encodeCall(IERC20.transfer, (to, amount)));
    }

    function safeTransferFrom(IERC20 token, address from, address to, uint256 amount) internal {
        _call(token, abi.encodeCall(IERC20.transferFrom, (from, to, amount)));
    }

    function _call(IERC20 token, bytes memory data) private {
        if (address(token).code.length == 0) revert TokenTransferFailed(address(token));
        (bool ok, bytes memory result) = address(token).call(data);
        if (!ok || (result.length != 0 && !abi.decode(result, (bool)))) revert TokenTransferFailed(address(token));
    }
}
