"""HTTPS through the guarded transport: TLS runs over the pinned socket, and a certificate
that does not verify is refused with a message the user understands."""

from __future__ import annotations

import datetime
import http.server
import ssl
import threading

import pytest

from bot.fetch import errors
from bot.fetch.safe_http import fetch_page


def _self_signed(tmp_path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(cert_path), str(key_path)


class _Hello(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        body = b"<html><body><p>secure hello</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def tls_server(tmp_path):
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.cert_path = cert
    yield server
    server.shutdown()
    server.server_close()


def test_an_untrusted_certificate_is_refused_with_a_plain_message(tls_server):
    with pytest.raises(errors.SiteUnreachable) as caught:
        fetch_page(f"https://localhost:{tls_server.server_port}/", allow_private=True)
    assert caught.value.user_message == "the site's security certificate could not be verified"


def test_https_to_a_private_address_is_refused_before_the_handshake(tls_server):
    with pytest.raises(errors.AddressNotPublic):
        fetch_page(f"https://localhost:{tls_server.server_port}/", allow_private=False)


def test_tls_verifies_the_host_name_over_the_pinned_address(tls_server, monkeypatch):
    # Trust the test certificate (as an intranet would trust its own CA): the connection goes
    # to the validated 127.0.0.1 while SNI and verification still use the name "localhost".
    from bot.fetch import transport

    trusted = ssl.create_default_context(cafile=tls_server.cert_path)
    monkeypatch.setattr(transport, "_ssl_context", lambda: trusted)
    page = fetch_page(f"https://localhost:{tls_server.server_port}/", allow_private=True)
    assert b"secure hello" in page.body
    with pytest.raises(errors.SiteUnreachable):  # the same server by IP: the name does not match
        fetch_page(f"https://127.0.0.1:{tls_server.server_port}/", allow_private=True)
