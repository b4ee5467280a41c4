"""The emulator's Ministry-of-Finance signature: a detached XML-DSig over a file's raw bytes.

anaf.md section 9: ``semnatura_<index>.xml`` is a ``Signature`` in the XML-DSig namespace whose
single ``Reference`` carries the base64 SHA-256 of the raw bytes of ``<index>.xml``, signed
with RSA-SHA256 over the exclusive-C14N ``SignedInfo``, with the certificate in
``KeyInfo/X509Data/X509Certificate``. The key and the self-signed certificate below belong to
the emulator alone ("EMULATOR ANAF TEST - not a real certificate"): they sign nothing real and
are kept in the source so that the emulator needs no cryptography package. RSA PKCS#1 v1.5 is
done with Python integers. ``/api/validate/signature`` (section 12) calls :func:`verify`.

>>> signature = sign(b"<Invoice/>")
>>> verify(b"<Invoice/>", signature), verify(b"<Invoice />", signature)
(True, False)
"""

from __future__ import annotations

import base64
import hashlib

from lxml import etree
from lxml.builder import ElementMaker

from .._xml import parse
from ..errors import DocumentError

__all__ = ["CERTIFICATE_B64", "DSIG", "sign", "verify"]

DSIG = "http://www.w3.org/2000/09/xmldsig#"
_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
# DER prefix of a PKCS#1 DigestInfo for SHA-256 (RFC 8017 section 9.2, note 1).
_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")
_E = 65537

_CERTIFICATE = (
    "MIIDQTCCAimgAwIBAgIFXqHkGnAwDQYJKoZIhvcNAQELBQAwYjELMAkGA1UEBhMCUk8xHTAbBgNVBAoMFHJvX2Vm"
    "YWN0dXJhIGVtdWxhdG9yMTQwMgYDVQQDDCtFTVVMQVRPUiBBTkFGIFRFU1QgLSBub3QgYSByZWFsIGNlcnRpZmlj"
    "YXRlMB4XDTI1MDEwMTAwMDAwMFoXDTQ1MDEwMTAwMDAwMFowYjELMAkGA1UEBhMCUk8xHTAbBgNVBAoMFHJvX2Vm"
    "YWN0dXJhIGVtdWxhdG9yMTQwMgYDVQQDDCtFTVVMQVRPUiBBTkFGIFRFU1QgLSBub3QgYSByZWFsIGNlcnRpZmlj"
    "YXRlMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAh+4bqMwlV3JZrGwgMMyMO5h27EaqpK88/cQKjA+h"
    "WCJCauRALZAUPHlDbAKjJPvWYv6FEKH/zdNCX03gP8UwVX5MWaQdnhaxhFcDs3etooHl+0LDiEavM7Qzmk+NbXu1"
    "GXf4I5Q7GmuhfA9YR2+xraZvy9z+t+wHvR268CgaQ+XvC6BujLPt/Kb+Kbjv+Wqe3fg457MJU6fGdeAFqf+bq/OA"
    "i3XDUunKgxuyKCAYqhhXe9569WCYKGS8nqLQgkwSuwXMLHe7RZWgrB6N3RDv2BE/rvIKmsNs7X+AyQWGuXvxvHZX"
    "tdMgMhgeSvCqv1w5/BDYJugtXhPEFYGxmbph0wIDAQABMA0GCSqGSIb3DQEBCwUAA4IBAQAN5NcTGxbeUvc7/t3T"
    "p2XKcGOATz7F1vpBeOAwuLvGrmxM8WSDnD8u/baP8VNFLuZmnJoctGTZHrsP4Vt6Sz6f3mOtgThuQQsjK8Z5h/wL"
    "R3Muwun1u2Y8ztZzTlzGOYCMQ8Zf6RRByulUy4S+5rCw9k2xrmUgRsmOGKEQhLOZJ3RGES9JGLu/gXha61IS/9Ja"
    "lnFJFqyq2RPJBbY5tKMvVoHDoVMSM3K8mwvypCL5m7RtOZ5CGv8DSJ1U8dln69yQo/BUSu5fOt52pxVZDIgKuJhJ"
    "FOoxWw0w8buAKtwUBs547NTFDU4lG/Y4GC4+jIGimpEDat7+ewad0tF9BWSd"
)
_N = int(
    "87ee1ba8cc25577259ac6c2030cc8c3b9876ec46aaa4af3cfdc40a8c0fa15822426ae4402d90143c79436c02"
    "a324fbd662fe8510a1ffcdd3425f4de03fc530557e4c59a41d9e16b1845703b377ada281e5fb42c38846af33"
    "b4339a4f8d6d7bb51977f823943b1a6ba17c0f58476fb1ada66fcbdcfeb7ec07bd1dbaf0281a43e5ef0ba06e"
    "8cb3edfca6fe29b8eff96a9eddf838e7b30953a7c675e005a9ff9babf3808b75c352e9ca831bb2282018aa18"
    "577bde7af560982864bc9ea2d0824c12bb05cc2c77bb4595a0ac1e8ddd10efd8113faef20a9ac36ced7f80c9"
    "0586b97bf1bc7657b5d32032181e4af0aabf5c39fc10d826e82d5e13c41581b199ba61d3",
    16,
)
_D = int(
    "67b3074c3c8735b1f9d21df5bb9a2656f0cc5e6f803a28563cb81533ca58d4868e6a43123db0453fe80dbf96"
    "38d03b857aa5a198e6d3383ae07a6f4c3d04e5082954d0ae461f6ceb5082f197e0c833c9d5a207751469edba"
    "0c27b1f9841e44da0c415caa07fe6efc32de14f6cc1e31f6c04559c991a9795a635f0dabaec1c58f1b06a2b9"
    "f03ad19226baee7cb36537876f3b7e54649c4eed213b67267b63521118b846b7efa8184d821476abc8ef3856"
    "a1762fdf9662bef8ce76ca60471ff438b156cefb6837c5cc2560d069b81823126ad7242a7d9821819b3885e0"
    "0d220fe75cb54be9a5a1b0887a85d50d7bef9d10eb840a04377a6abb5771e578829a97d",
    16,
)
_P = int(
    "babffd9f29d84c3fb4a8e9d60ed8ead5c4cc7b6996cf1b2f3d3004056158cad4800ccac4267af2780f3c4ff6"
    "7e9a83549786aad5367ef40466831f2b3c37d10e2cce5c27ff4d09a0c38d7ac26bc63cb07e3099fc79a817fd"
    "cd299a2e725bfb245a5058e3b0fbbcf74fe5a9530de59757003a187823e2527d1ae66828fac936af",
    16,
)
_Q = int(
    "ba55d55ac06ea2c7138dfb972bf0fed01177f83ba4116e739eb5006128f7086419d1e2fde101291df7c63e1a"
    "db9dcb868b098d991fe1ae9856bb7774fa30a4c144643fa13920b3f4a48687fee6f078a24452554d6f4a784a"
    "6d635f2a8e21a6c49876a71e6d66964fe02a59f132a30d58954c7c9955fd2db1b64ad8d093cfd01d",
    16,
)
CERTIFICATE_B64 = "".join(_CERTIFICATE)
_SIZE = (_N.bit_length() + 7) // 8


def _encoded(message: bytes) -> int:
    digest = _DIGEST_INFO + hashlib.sha256(message).digest()
    padded = b"\x00\x01" + b"\xff" * (_SIZE - len(digest) - 3) + b"\x00" + digest
    return int.from_bytes(padded, "big")


def _rsa_sign(message: bytes) -> bytes:
    # Chinese remainder theorem: four times faster than pow(m, d, n).
    m = _encoded(message)
    m1, m2 = pow(m, _D % (_P - 1), _P), pow(m, _D % (_Q - 1), _Q)
    h = (pow(_Q, -1, _P) * (m1 - m2)) % _P
    return (m2 + h * _Q).to_bytes(_SIZE, "big")


def _signed_info(digest_b64: str) -> etree._Element:
    ds = ElementMaker(namespace=DSIG, nsmap={None: DSIG})
    return ds.SignedInfo(
        ds.CanonicalizationMethod(Algorithm=_C14N),
        ds.SignatureMethod(Algorithm=_RSA_SHA256),
        ds.Reference(
            ds.DigestMethod(Algorithm=_SHA256),
            ds.DigestValue(digest_b64),
            URI="",
        ),
    )


def _c14n(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True)


def sign(content: bytes) -> bytes:
    """The detached signature file for ``content`` (the raw bytes of ``<index>.xml``)."""
    digest = base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")
    root = etree.Element(f"{{{DSIG}}}Signature", nsmap={None: DSIG})
    signed_info = _signed_info(digest)
    root.append(signed_info)
    value = etree.SubElement(root, f"{{{DSIG}}}SignatureValue")
    value.text = base64.b64encode(_rsa_sign(_c14n(signed_info))).decode("ascii")
    key_info = etree.SubElement(root, f"{{{DSIG}}}KeyInfo")
    data = etree.SubElement(key_info, f"{{{DSIG}}}X509Data")
    etree.SubElement(data, f"{{{DSIG}}}X509Certificate").text = CERTIFICATE_B64
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def verify(content: bytes, signature: bytes) -> bool:
    """True when ``signature`` is the emulator's valid signature over exactly ``content``."""
    try:
        root = parse(signature)
    except DocumentError:
        return False
    signed_info = root.find(f".//{{{DSIG}}}SignedInfo")
    digest = root.findtext(f".//{{{DSIG}}}DigestValue")
    value = root.findtext(f".//{{{DSIG}}}SignatureValue")
    if signed_info is None or not digest or not value:
        return False
    actual = base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")
    if digest.strip() != actual:
        return False
    try:
        number = int.from_bytes(base64.b64decode(value.strip(), validate=True), "big")
    except ValueError:
        return False
    return pow(number, _E, _N) == _encoded(_c14n(signed_info))
