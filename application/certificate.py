"""The desk port's TLS certificate: a self-signed key pair made once per data directory, the
first time a desk is added or the service binds its desk port, and the SHA-256 fingerprint
that every desk's connection string pins. No certificate authority: a desk trusts exactly this
certificate, so there is nothing to click through and nothing to buy or renew.

The private key file is readable by its owner only; a key that leaks lets someone pose as this
service to a desk (remove the two files and add the desks again to replace it).
"""

from __future__ import annotations

import hashlib
import os
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from filelock import FileLock

CERTIFICATE_FILE = "desk-certificate.pem"
KEY_FILE = "desk-key.pem"
_LOCK_FILE = "desk-certificate.lock"
VALID_YEARS = 50  # pinned, never checked against a calendar: no renewal to forget


@dataclass(frozen=True)
class DeskCertificate:
    certificate: Path
    key: Path
    fingerprint: bytes  # SHA-256 of the certificate's DER form

    def server_context(self) -> ssl.SSLContext:
        """What the desk port serves with: this certificate, TLS 1.2 or later."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.certificate, self.key)
        return context


def fingerprint_of(pem: bytes) -> bytes:
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.decode("ascii"))).digest()


def desk_certificate(data_dir: Path) -> DeskCertificate:
    """The certificate of this data directory, made now if there is none yet (a lock keeps
    two processes that start at once from making two)."""
    certificate, key = data_dir / CERTIFICATE_FILE, data_dir / KEY_FILE
    if not certificate.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        with FileLock(data_dir / _LOCK_FILE, timeout=10):
            if not certificate.exists():
                _make(certificate, key)
    return DeskCertificate(certificate, key, fingerprint_of(certificate.read_bytes()))


def _make(certificate: Path, key_path: Path) -> None:
    """The key first (owner only), then the certificate: a certificate file means both are
    whole."""
    # Imported here: the cryptography package is a large part of a start-up, needed once.
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "callgate desk port")])
    now = datetime.now(UTC)
    made = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365 * VALID_YEARS))
            .sign(key, hashes.SHA256()))
    _write(key_path, key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()), 0o600)
    _write(certificate, made.public_bytes(serialization.Encoding.PEM), 0o644)


def _write(path: Path, data: bytes, mode: int) -> None:
    """Whole or not at all, with its mode from the start (no moment readable by others)."""
    partial = path.with_name(path.name + ".new")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)
