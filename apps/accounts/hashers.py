"""How passwords are stored: Argon2id at OWASP's parameters (Password Storage Cheat Sheet: m=19 MiB, t=2,
p=1).

Django's default, PBKDF2-SHA256 with 1,000,000 iterations, costs about 0.3 s of CPU per check on this
machine's cores; the director re-enters her password to sign an order, so a signature waited a third of a
second on the hash alone (docs/performance.md «Writes», issue 18). Argon2id at these parameters costs about
30 ms and, being memory-hard, is the stronger of the two against guessing on graphics cards. Hashes made
before (PBKDF2, or Argon2 at Django's parameters) still verify and are re-hashed at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    # The same algorithm name as Django's: its hashes keep verifying, and ``must_update`` re-hashes any
    # Argon2 hash whose parameters differ from these at the next sign-in.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
