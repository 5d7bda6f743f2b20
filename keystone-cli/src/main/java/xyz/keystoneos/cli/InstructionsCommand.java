package xyz.keystoneos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.FeeMode;
import xyz.keystoneos.sdk.model.Instruction;
import xyz.keystoneos.sdk.model.InstructionLeg;
import xyz.keystoneos.sdk.model.InstructionListParams;
import xyz.keystoneos.sdk.model.InstructionParty;
import xyz.keystoneos.sdk.model.InstructionStatus;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;

/** {@code keystone instructions submit|list|get|cancel}. */
@Command(name = "instructions", aliases = "instruction", mixinStandardHelpOptions = true,
        description = "Submit, list, show and cancel bilateral instructions.",
        subcommands = {InstructionsCommand.Submit.class, InstructionsCommand.ListInstructions.class,
                InstructionsCommand.Get.class, InstructionsCommand.Cancel.class})
final class InstructionsCommand {

    static String wire(Enum<?> value) {
        if (value == null) {
            return null;
        }
        try {
            Object wire = value.getClass().getMethod("wireValue").invoke(value);
            return wire == null ? value.name().toLowerCase(Locale.ROOT) : wire.toString();
        } catch (ReflectiveOperationException e) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }

    static String legs(List<InstructionLeg> legs) {
        return legs.stream().map(l -> wire(l.direction()) + " " + (l.quantity() == null ? "?"
                        : l.quantity().toPlainString()) + " " + l.instrumentId()
                        + (l.legType() == LegType.PAYMENT ? " (payment)" : ""))
                .collect(Collectors.joining("; "));
    }

    static void print(BaseCommand command, Instruction instruction) {
        Style style = command.style();
        var out = command.out();
        out.println(style.bold("Instruction " + instruction.id()) + "  " + style.status(wire(instruction.status())));
        out.println("  trade reference  " + instruction.tradeReference());
        out.println("  template         " + instruction.templateSlug() + ", role " + instruction.role());
        if (instruction.party() != null) {
            InstructionParty party = instruction.party();
            out.println("  party            " + (party.name() == null ? "" : party.name() + " ")
                    + "(" + party.externalReference() + ") " + party.walletAddress() + " on chain " + party.chainId());
        }
        out.println("  legs             " + legs(instruction.legs()));
        if (instruction.feeMode() != null) {
            out.println("  fee mode         " + wire(instruction.feeMode()));
        }
        out.println("  timeout at       " + instruction.timeoutAt());
        out.println("  expires at       " + instruction.expiresAt());
        out.println("  created at       " + instruction.createdAt());
        if (instruction.settlementId() != null) {
            out.println("  settlement       " + instruction.settlementId()
                    + style.dim("   (keystone settlements watch " + instruction.settlementId() + ")"));
        } else if (instruction.status() == InstructionStatus.PENDING_MATCH) {
            out.println(style.dim("  Waiting for the counterparty to submit the mirror instruction with trade "
                    + "reference " + instruction.tradeReference() + "."));
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submit one side of a trade, from a JSON file (the API body of POST /v1/instructions) "
                    + "or from options.",
                    "Without --trade-reference KeyStone answers a new KS-… reference (status pending_match) for the "
                            + "counterparty; with the counterparty's reference the instructions match and the "
                            + "answer names the settlement."},
            footer = {"", "Examples:",
                    "  keystone instructions submit --file sell.json",
                    "  keystone instructions submit --template dvp-standard --role seller --party-ref SELLER-1 \\",
                    "      --party-name 'Acme Fund' --wallet 0x1111111111111111111111111111111111111111 "
                            + "--chain-id 11155111 \\",
                    "      --leg deliver:BOND-2026-A:1000 --leg receive:TUSDC:99000.50:payment --timeout 2h"})
    static final class Submit extends BaseCommand implements Callable<Integer> {

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "JSON body of POST /v1/instructions ('-' = standard input).")
        String file;

        @Option(names = "--template", paramLabel = "SLUG", description = "Template slug (dvp-standard, "
                + "cross_platform_dvp, fop-standard, repo-standard).")
        String template;

        @Option(names = "--role", description = "Your role: seller or buyer.")
        String role;

        @Option(names = "--party-ref", paramLabel = "REF", description = "Your party's external reference.")
        String partyReference;

        @Option(names = "--party-name", paramLabel = "NAME", description = "Your party's name.")
        String partyName;

        @Option(names = "--wallet", paramLabel = "0x…", description = "Your party's wallet address.")
        String wallet;

        @Option(names = "--chain-id", paramLabel = "ID", description = "Your party's chain id (e.g. 11155111).")
        Long chainId;

        @Option(names = "--leg", paramLabel = "DIR:INSTRUMENT:QTY[:TYPE]",
                description = "A leg, repeatable: deliver|receive, instrument, quantity and optionally "
                        + "asset_delivery (default) or payment. Example: receive:TUSDC:99000.50:payment")
        List<String> legs = new ArrayList<>();

        @Option(names = "--timeout", paramLabel = "WHEN", description = "timeout_at: an RFC 3339 time or a duration "
                + "from now (default 24h).")
        String timeout;

        @Option(names = "--trade-reference", paramLabel = "REF",
                description = "The counterparty's trade reference to match (also overrides the file's).")
        String tradeReference;

        @Option(names = "--fee-mode", paramLabel = "MODE", description = "seller_pays, buyer_pays or split.")
        String feeMode;

        @Option(names = "--idempotency-key", paramLabel = "KEY",
                description = "Makes a repeated submit safe (default: a new random key; also overrides the file's).")
        String idempotencyKey;

        @Option(names = "--json", description = "Print the stored instruction as JSON.")
        boolean json;

        @Override
        public Integer call() {
            SubmitInstructionRequest request = file != null ? fromFile() : fromOptions();
            if (tradeReference != null) {
                request = new SubmitInstructionRequest(request.idempotencyKey(), request.templateSlug(),
                        request.role(), request.party(), request.legs(), request.timeoutAt(), tradeReference,
                        request.feeMode(), request.settlementCategory(), request.maturityAt(),
                        request.repaymentAmount(), request.repoRate());
            }
            if (idempotencyKey != null) {
                request = request.withIdempotencyKey(idempotencyKey);
            } else if (request.idempotencyKey() == null) {
                request = request.withIdempotencyKey(client().generateIdempotencyKey("cli"));
            }
            Instruction instruction = client().instructions().submit(request);
            if (json) {
                printJson(instruction);
            } else {
                out().println(style().green("✔") + " Submitted (idempotency key " + request.idempotencyKey() + ")");
                print(this, instruction);
            }
            return ExitCodes.OK;
        }

        private SubmitInstructionRequest fromFile() {
            if (template != null || role != null || partyReference != null || partyName != null || wallet != null
                    || chainId != null || !legs.isEmpty() || timeout != null || feeMode != null) {
                throw CliException.usage("--file cannot be combined with --template, --role, --party-*, --wallet, "
                        + "--chain-id, --leg, --timeout or --fee-mode (only --trade-reference and "
                        + "--idempotency-key override the file).");
            }
            try (InputStream in = file.equals("-") ? context().stdin() : Files.newInputStream(Path.of(file))) {
                JsonNode tree = CliJson.mapper().readTree(in);
                if (tree == null || !tree.isObject()) {
                    throw CliException.usage(file + ": expected a JSON object (the body of POST /v1/instructions)");
                }
                unknownFields(tree, SubmitInstructionRequest.class, "");
                unknownFields(tree.path("party"), InstructionParty.class, "party.");
                for (int i = 0; i < tree.path("legs").size(); i++) {
                    unknownFields(tree.path("legs").get(i), InstructionLeg.class, "legs[" + i + "].");
                }
                return CliJson.mapper().treeToValue(tree, SubmitInstructionRequest.class);
            } catch (UnrecognizedPropertyException e) {
                throw CliException.usage(file + ": unknown field '" + e.getPropertyName() + "'");
            } catch (ValueInstantiationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw CliException.usage(file + ": " + cause.getMessage());
            } catch (java.nio.file.NoSuchFileException e) {
                throw CliException.usage("no such file: " + file);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw CliException.usage(file + " is not a valid instruction: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw CliException.usage("cannot read " + file + ": " + e.getMessage());
            }
        }

        /** Names a field the record does not have (Jackson would first fail on a missing one instead). */
        private void unknownFields(JsonNode node, Class<? extends Record> type, String prefix) {
            if (!node.isObject()) {
                return;
            }
            PropertyNamingStrategies.NamingBase snake = (PropertyNamingStrategies.NamingBase)
                    PropertyNamingStrategies.SNAKE_CASE;
            java.util.Set<String> known = java.util.Arrays.stream(type.getRecordComponents())
                    .map(c -> snake.translate(c.getName())).collect(Collectors.toSet());
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    throw CliException.usage(file + ": unknown field '" + prefix + name + "' (fields: "
                            + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            });
        }

        private SubmitInstructionRequest fromOptions() {
            List<String> missing = new ArrayList<>();
            if (template == null) {
                missing.add("--template");
            }
            if (role == null) {
                missing.add("--role");
            }
            if (partyReference == null) {
                missing.add("--party-ref");
            }
            if (wallet == null) {
                missing.add("--wallet");
            }
            if (chainId == null) {
                missing.add("--chain-id");
            }
            if (legs.isEmpty()) {
                missing.add("--leg");
            }
            if (!missing.isEmpty()) {
                throw CliException.usage("Missing " + String.join(", ", missing) + " (or give --file).");
            }
            Instant now = context().clock().instant();
            SubmitInstructionRequest.Builder builder = SubmitInstructionRequest.builder().templateSlug(template)
                    .role(role).party(InstructionParty.of(partyReference, partyName, wallet, chainId))
                    .timeoutAt(timeout == null ? now.plus(Duration.ofHours(24))
                            : Durations.instantOrFromNow(timeout, now));
            for (String leg : legs) {
                builder.leg(leg(leg));
            }
            if (feeMode != null) {
                FeeMode mode = FeeMode.fromWire(feeMode);
                if (mode == null || mode == FeeMode.UNKNOWN) {
                    throw CliException.usage("--fee-mode must be seller_pays, buyer_pays or split, was '" + feeMode
                            + "'");
                }
                builder.feeMode(mode);
            }
            return builder.build();
        }

        static InstructionLeg leg(String spec) {
            String[] parts = spec.split(":");
            if (parts.length < 3 || parts.length > 4) {
                throw CliException.usage("--leg '" + spec + "': expected DIRECTION:INSTRUMENT:QUANTITY[:TYPE], e.g. "
                        + "deliver:BOND-2026-A:1000");
            }
            Direction direction = Direction.fromWire(parts[0].strip());
            if (direction == null || direction == Direction.UNKNOWN) {
                throw CliException.usage("--leg '" + spec + "': direction must be deliver or receive");
            }
            BigDecimal quantity;
            try {
                quantity = new BigDecimal(parts[2].strip());
            } catch (NumberFormatException e) {
                throw CliException.usage("--leg '" + spec + "': quantity '" + parts[2] + "' is not a decimal number");
            }
            InstructionLeg.Builder leg = InstructionLeg.builder().direction(direction).instrumentId(parts[1].strip())
                    .quantity(quantity);
            if (parts.length == 4) {
                LegType type = LegType.fromWire(parts[3].strip());
                if (type == null || type == LegType.UNKNOWN) {
                    throw CliException.usage("--leg '" + spec + "': type must be asset_delivery or payment");
                }
                leg.legType(type);
            }
            return leg.build();
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "List your instructions, newest first.")
    static final class ListInstructions extends BaseCommand implements Callable<Integer> {

        @Option(names = "--status", description = "pending_match, matched, cancelled or expired.")
        String status;

        @Option(names = "--trade-reference", paramLabel = "REF", description = "Only this trade reference.")
        String tradeReference;

        @Option(names = "--template", paramLabel = "SLUG", description = "Only this template.")
        String template;

        @Mixin
        ListOptions list;

        @Override
        public Integer call() {
            InstructionListParams.Builder params = InstructionListParams.builder().limit(list.limit);
            if (status != null) {
                InstructionStatus parsed = InstructionStatus.fromWire(status);
                if (parsed == null || parsed == InstructionStatus.UNKNOWN) {
                    throw CliException.usage("--status must be pending_match, matched, cancelled or expired, was '"
                            + status + "'");
                }
                params.status(parsed);
            }
            if (tradeReference != null) {
                params.tradeReference(tradeReference);
            }
            if (template != null) {
                params.templateSlug(template);
            }
            Style style = style();
            return list.fetchAndPrint(this, "instructions",
                    offset -> client().instructions().list(params.offset(offset).build()),
                    () -> client().instructions().listAutoPaging(params.build()),
                    new Table("ID", "STATUS", "ROLE", "TEMPLATE", "TRADE REFERENCE", "SETTLEMENT", "CREATED"),
                    (table, i) -> table.row(i.id(), style.status(wire(i.status())), i.role(), i.templateSlug(),
                            i.tradeReference(), i.settlementId(), String.valueOf(i.createdAt())));
        }
    }

    @Command(name = "get", aliases = "show", mixinStandardHelpOptions = true, description = "Show one instruction.")
    static final class Get extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The instruction id.")
        String id;

        @Option(names = "--json", description = "Print it as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Instruction instruction = client().instructions().get(id);
            if (json) {
                printJson(instruction);
            } else {
                print(this, instruction);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a pending_match instruction (a matched one cannot be cancelled: 409).")
    static final class Cancel extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The instruction id.")
        String id;

        @Option(names = "--json", description = "Print the cancelled instruction as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Instruction instruction = client().instructions().cancel(id);
            if (json) {
                printJson(instruction);
            } else {
                out().println(style().green("✔") + " Cancelled instruction " + instruction.id() + " ("
                        + instruction.tradeReference() + "): " + style().status(wire(instruction.status())));
            }
            return ExitCodes.OK;
        }
    }
}
