package xyz.keystoneos.template;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a settlement leg moves: the asset being traded or the cash paying for it. */
public enum LegType {

    @JsonProperty("asset_delivery")
    ASSET_DELIVERY,

    @JsonProperty("payment")
    PAYMENT
}
