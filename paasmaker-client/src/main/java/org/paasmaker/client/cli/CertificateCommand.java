package org.paasmaker.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.CertificateJson;
import org.paasmaker.api.rest.CertificateUpload;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker certificate upload APP --chain FILE --key FILE}, {@code list [APP]}, {@code delete APP ID}. */
@Command(name = "certificate", description = "Certificates served over HTTPS for applications' hostnames.",
        subcommands = {CertificateCommand.Upload.class, CertificateCommand.ListCertificates.class,
            CertificateCommand.Delete.class})
final class CertificateCommand {

    @Command(name = "upload", description = "Upload a certificate for an application's hostnames. The server checks"
            + " it first: PEM, its key matches, valid now, it covers the hostnames, its chain in order.")
    static final class Upload extends ServerCommand {

        @Parameters(paramLabel = "APP", description = ApplicationCommand.APP_HELP)
        String application;

        @Option(names = "--chain", required = true, paramLabel = "FILE",
                description = "The PEM chain: the certificate first, then its intermediates.")
        Path chain;

        @Option(names = "--key", required = true, paramLabel = "FILE",
                description = "Its private key, unencrypted PEM (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY).")
        Path key;

        @Option(names = "--hostname", paramLabel = "H", description = "A hostname of the application it is for;"
                + " repeat for more. Default: each of the application's hostnames the certificate covers.")
        List<String> hostnames = new ArrayList<>();

        @Override
        int run(PaasmakerClient client) {
            CertificateUpload upload = new CertificateUpload(read(chain, "chain"), read(key, "key"), hostnames);
            long id = ApplicationRef.resolve(application, client, () -> workspace(null, client));
            CertificateJson certificate = client.certificates().upload(id, upload);
            print(certificate, () -> out().println("Uploaded certificate " + certificate.id() + " for "
                    + String.join(", ", certificate.hostnames()) + " (" + String.join(", ", certificate.names())
                    + "), issued by " + certificate.issuer() + ", valid until " + certificate.notAfter() + "."));
            return 0;
        }

        private static String read(Path file, String what) {
            try {
                return Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "cannot read the " + what + " file " + file
                        + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "List an application's certificates, or with no APP every certificate"
            + " of the platform (SYSTEM_OVERVIEW), with their names, issuer, expiry and renewal.")
    static final class ListCertificates extends ServerCommand {

        @Parameters(paramLabel = "APP", arity = "0..1", description = ApplicationCommand.APP_HELP)
        String application;

        @Override
        int run(PaasmakerClient client) {
            List<CertificateJson> certificates = application == null ? client.certificates().list()
                    : client.certificates().list(ApplicationRef.resolve(application, client,
                            () -> workspace(null, client)));
            print(certificates, () -> {
                if (certificates.isEmpty()) {
                    out().println((application == null ? "The platform" : application) + " has no certificates.");
                    return;
                }
                Table table = new Table("ID", "APPLICATION", "NAMES", "HOSTNAMES", "ISSUER", "EXPIRES", "SOURCE", "RENEWAL");
                certificates.forEach(certificate -> table.row(certificate.id(),
                        certificate.applicationId() == null ? "-" : certificate.applicationId(),
                        String.join(", ", certificate.names()), String.join(", ", certificate.hostnames()),
                        certificate.issuer(), certificate.notAfter(), certificate.source(), renewal(certificate)));
                table.print(out());
            });
            return 0;
        }

        private static String renewal(CertificateJson certificate) {
            if (certificate.renewalFailure() != null) {
                return "FAILING: " + certificate.renewalFailure();
            }
            return certificate.renewsAt() == null ? "by upload" : "from " + certificate.renewsAt();
        }
    }

    @Command(name = "delete", description = "Delete one of an application's certificates: it is no longer served"
            + " and its key is deleted.")
    static final class Delete extends ServerCommand {

        @Parameters(index = "0", paramLabel = "APP", description = ApplicationCommand.APP_HELP)
        String application;

        @Parameters(index = "1", paramLabel = "ID", description = "The certificate's id, as 'certificate list' shows it.")
        String id;

        @Override
        int run(PaasmakerClient client) {
            client.certificates().delete(ApplicationRef.resolve(application, client, () -> workspace(null, client)), id);
            out().println("Deleted certificate " + id + ".");
            return 0;
        }
    }
}
