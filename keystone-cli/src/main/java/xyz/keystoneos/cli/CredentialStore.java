package xyz.keystoneos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials file, {@code <config dir>/credentials}: INI sections, one per profile.
 *
 * <pre>
 * [default]
 * base_url = http://localhost:8080
 * auth_url = http://localhost:8080
 * client_id = ksc_…
 * client_secret = kss_…
 * </pre>
 *
 * <p>On POSIX file systems the directory is kept at mode 700 and the file at 600: it is written to a new file
 * created with mode 600 and moved into place, so it is never readable by others, not even for a moment. A
 * credentials file that the group or others can read (or write) is refused, like {@code ssh} refuses a private
 * key: fix it with {@code chmod 600}. The config directory is {@code $KEYSTONE_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/keystone}, else {@code ~/.config/keystone}.
 */
public final class CredentialStore {

    public static final String FILE_NAME = "credentials";
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path directory;
    private final boolean posix;

    public CredentialStore(Path directory) {
        this.directory = directory.toAbsolutePath();
        this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The directory of {@code --config-dir}, {@code $KEYSTONE_CONFIG_DIR}, {@code $XDG_CONFIG_HOME}, or home. */
    public static Path directory(CliContext context, Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String configured = context.env("KEYSTONE_CONFIG_DIR");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = context.env("XDG_CONFIG_HOME");
        if (xdg != null) {
            return Path.of(xdg, "keystone");
        }
        return context.home().resolve(".config").resolve("keystone");
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** Every profile in the file, in file order; empty when there is no file. */
    public Map<String, Profile> load() {
        Path file = file();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new LinkedHashMap<>();
        }
        checkPrivate(file);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(load().get(name));
    }

    /** Adds or replaces a profile. */
    public void save(Profile profile) {
        Map<String, Profile> profiles = load();
        profiles.put(profile.name(), profile);
        write(profiles);
    }

    /** Removes a profile; deletes the file when no profile is left. Answers whether the profile existed. */
    public boolean remove(String name) {
        Map<String, Profile> profiles = load();
        if (profiles.remove(name) == null) {
            return false;
        }
        if (profiles.isEmpty()) {
            try {
                Files.deleteIfExists(file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            write(profiles);
        }
        return true;
    }

    /** Deletes the file with every profile. Answers whether it existed. */
    public boolean removeAll() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkPrivate(Path file) {
        if (!posix) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new CliException(ExitCodes.FAILED, "Refusing to use " + file + ": it is accessible by others"
                        + " (mode " + PosixFilePermissions.toString(permissions) + "). Run: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "Cannot check the permissions of " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private void write(Map<String, Profile> profiles) {
        try {
            prepareDirectory();
            Path temporary = posix
                    ? Files.createTempFile(directory, ".credentials-", ".tmp",
                            PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(directory, ".credentials-", ".tmp");
            try {
                Files.writeString(temporary, format(profiles), StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            if (posix) {
                Files.setPosixFilePermissions(file(), FILE_MODE);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "Cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    private void prepareDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Path parent = directory.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (posix) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectory(directory);
            }
        }
        if (posix) {
            Files.setPosixFilePermissions(directory, DIR_MODE);
        }
    }

    static String format(Map<String, Profile> profiles) {
        StringBuilder text = new StringBuilder(
                "# KeyStone CLI credentials, written by `keystone login`. Keep this file private (mode 600).\n");
        for (Profile profile : profiles.values()) {
            text.append('\n').append('[').append(profile.name()).append("]\n")
                    .append("base_url = ").append(profile.baseUrl()).append('\n')
                    .append("auth_url = ").append(profile.authUrl()).append('\n')
                    .append("client_id = ").append(profile.clientId()).append('\n')
                    .append("client_secret = ").append(profile.clientSecret()).append('\n');
        }
        return text.toString();
    }

    static Map<String, Profile> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (current == null || equals < 1) {
                throw new CliException(ExitCodes.FAILED, "Malformed credentials file, line " + (i + 1)
                        + ": expected [profile] or key = value");
            }
            current.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        sections.forEach((name, values) -> {
            String baseUrl = values.get("base_url");
            String clientId = values.get("client_id");
            String clientSecret = values.get("client_secret");
            if (baseUrl == null || clientId == null || clientSecret == null) {
                throw new CliException(ExitCodes.FAILED, "Profile [" + name
                        + "] of the credentials file lacks base_url, client_id or client_secret; run keystone login");
            }
            profiles.put(name, new Profile(name, baseUrl, values.get("auth_url"), clientId, clientSecret));
        });
        return profiles;
    }
}
