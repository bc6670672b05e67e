#!/usr/bin/env python3
"""Builds the secret-scanning benchmark tree: a copy of the shared corpus, generated filler source files, and a
planted set (one secret per slipway rule, in several file types) whose lines are listed in planted.tsv.

Every secret is assembled here at run time from a seeded generator; none is committed.

    generate.py CORPUS_DIR OUT_DIR [FILLER_MB]
"""
import base64
import binascii
import os
import random
import shutil
import sys

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
HEX = "0123456789abcdef"
URL = ALNUM + "_-"
B64 = ALNUM + "+/"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def pick(rng, n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def digits(rng, n):
    return rng.choice("123456789") + pick(rng, n - 1, "0123456789")


def checksummed(rng, prefix):
    body = pick(rng, 30, ALNUM)
    crc = binascii.crc32(body.encode())
    out = ""
    while crc:
        out = B62[crc % 62] + out
        crc //= 62
    return prefix + body + out.rjust(6, "0")


def b64url(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def plants(rng):
    """(rule, name, value) triples; names are neutral unless the rule needs context."""
    j = "".join
    p = [
        ("aws-access-key-id", None, j(["AK", "IA", pick(rng, 16, UPPER + "234567")])),
        ("aws-secret-access-key", "aws_secret_access_key", pick(rng, 40, B64)),
        ("github-pat", None, checksummed(rng, j(["gh", "p_"]))),
        ("github-oauth-token", None, checksummed(rng, j(["gh", "o_"]))),
        ("github-user-to-server-token", None, checksummed(rng, j(["gh", "u_"]))),
        ("github-app-installation-token", None, checksummed(rng, j(["gh", "s_"]))),
        ("github-refresh-token", None, checksummed(rng, j(["gh", "r_"]))),
        ("github-fine-grained-pat", None, j(["github", "_pat_", pick(rng, 22, ALNUM), "_", pick(rng, 59, ALNUM)])),
        ("gitlab-pat", None, j(["gl", "pat-", pick(rng, 20, URL)])),
        ("gitlab-runner-token", None, j(["gl", "rt-", pick(rng, 20, URL)])),
        ("gitlab-deploy-token", None, j(["gl", "dt-", pick(rng, 20, URL)])),
        ("gitlab-pipeline-trigger-token", None, j(["gl", "ptt-", pick(rng, 40, HEX)])),
        ("gitlab-runner-registration-token", None, j(["GR", "1348941", pick(rng, 20, URL)])),
        ("gitlab-oauth-app-secret", None, j(["gl", "oas-", pick(rng, 64, URL)])),
        ("slack-bot-token", None, j(["xo", "xb-", digits(rng, 10), "-", digits(rng, 13), "-", pick(rng, 24, ALNUM)])),
        ("slack-user-token", None,
         j(["xo", "xp-", digits(rng, 10), "-", digits(rng, 12), "-", digits(rng, 13), "-", pick(rng, 32, HEX)])),
        ("slack-workspace-token", None, j(["xo", "xa-2-", pick(rng, 40, ALNUM)])),
        ("slack-app-token", None,
         j(["xa", "pp-1-A", pick(rng, 10, UPPER + "0123456789"), "-", digits(rng, 13), "-", pick(rng, 64, HEX)])),
        ("slack-webhook-url", None,
         j(["https://hooks.", "slack.com/services/T", pick(rng, 8, UPPER), "/B", pick(rng, 8, UPPER), "/",
            pick(rng, 24, ALNUM)])),
        ("stripe-secret-key", None, j(["sk", "_live_", pick(rng, 24, ALNUM)])),
        ("stripe-restricted-key", None, j(["rk", "_live_", pick(rng, 24, ALNUM)])),
        ("stripe-publishable-key", None, j(["pk", "_live_", pick(rng, 24, ALNUM)])),
        ("stripe-webhook-secret", None, j(["wh", "sec_", pick(rng, 32, ALNUM)])),
        ("google-api-key", None, j(["AI", "za", pick(rng, 35, URL)])),
        ("azure-storage-account-key", None,
         j(["DefaultEndpointsProtocol=https;AccountName=acme;Account", "Key=", pick(rng, 86, B64),
            "==;EndpointSuffix=core.windows.net"])),
        ("azure-sas-token", None,
         j(["https://acme.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rl",
            "&se=2030-01-01T00:00:00Z&spr=https&sig=", pick(rng, 43, ALNUM), "%3D"])),
        ("azure-ad-client-secret", None, j([pick(rng, 3, ALNUM), "8Q~", pick(rng, 34, URL)])),
        ("npm-access-token", None, checksummed(rng, j(["np", "m_"]))),
        ("pypi-upload-token", None, j(["py", "pi-AgEIcHlwaS5vcmc", pick(rng, 70, URL)])),
        ("dockerhub-pat", None, j(["dckr", "_pat_", pick(rng, 27, URL)])),
        ("twilio-api-key", "twilio_api_key", j(["SK", pick(rng, 32, HEX)])),
        ("sendgrid-api-key", None, j(["S", "G.", pick(rng, 22, URL), ".", pick(rng, 43, URL)])),
        ("mailgun-api-key", None, j(["ke", "y-", pick(rng, 32, HEX)])),
        ("shopify-access-token", None, j(["sh", "pat_", pick(rng, 32, HEX)])),
        ("shopify-shared-secret", None, j(["sh", "pss_", pick(rng, 32, HEX)])),
        ("heroku-api-key", "heroku_api_key",
         "-".join([pick(rng, 8, HEX), pick(rng, 4, HEX), pick(rng, 4, HEX), pick(rng, 4, HEX), pick(rng, 12, HEX)])),
        ("digitalocean-token", None, j(["do", "p_v1_", pick(rng, 64, HEX)])),
        ("datadog-api-key", "datadog_api_key", pick(rng, 32, HEX)),
        ("new-relic-api-key", None, j(["NR", "AK-", pick(rng, 27, UPPER + "0123456789")])),
        ("atlassian-api-token", None, j(["ATA", "TT3xFfGF0", pick(rng, 170, URL), "=", pick(rng, 8, "0123456789ABCDEF")])),
        ("okta-api-token", "okta_api_token", j(["00", pick(rng, 40, URL)])),
        ("vault-token", None, j(["hv", "s.CAESI", pick(rng, 91, URL)])),
        ("terraform-cloud-token", None, j([pick(rng, 14, ALNUM), ".atlas", "v1.", pick(rng, 67, URL)])),
        ("databricks-token", None, j(["da", "pi", pick(rng, 32, HEX)])),
        ("discord-bot-token", "discord_bot_token",
         j(["M", pick(rng, 23, ALNUM), ".", pick(rng, 6, URL), ".", pick(rng, 27, URL)])),
        ("discord-webhook-url", None, j(["https://discord.com/api/", "webhooks/", digits(rng, 18), "/", pick(rng, 68, URL)])),
        ("telegram-bot-token", None, j([digits(rng, 9), ":A", "A", pick(rng, 33, URL)])),
        ("openai-api-key", None, j(["sk", "-proj-", pick(rng, 40, ALNUM), "T3Blbk", "FJ", pick(rng, 40, ALNUM)])),
        ("anthropic-api-key", None, j(["sk", "-ant-api03-", pick(rng, 93, URL), "AA"])),
        ("huggingface-token", None, j(["h", "f_", pick(rng, 34, UPPER + UPPER.lower())])),
        ("age-secret-key", None, j(["AGE-SECRET", "-KEY-1", pick(rng, 58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L")])),
        ("pulumi-access-token", None, j(["pu", "l-", pick(rng, 40, HEX)])),
        ("rubygems-api-key", None, j(["ruby", "gems_", pick(rng, 48, HEX)])),
        ("grafana-service-account-token", None, j(["gl", "sa_", pick(rng, 32, ALNUM), "_", pick(rng, 8, HEX)])),
        ("linear-api-key", None, j(["lin", "_api_", pick(rng, 40, ALNUM)])),
        ("postman-api-key", None, j(["PM", "AK-", pick(rng, 24, HEX), "-", pick(rng, 34, HEX)])),
        ("doppler-token", None, j(["dp", ".pt.", pick(rng, 43, ALNUM)])),
        ("alibaba-access-key-id", None, j(["LT", "AI", pick(rng, 20, ALNUM)])),
        ("square-access-token", None, j(["sq0", "atp-", pick(rng, 22, URL)])),
        ("buildkite-api-token", None, j(["bk", "ua_", pick(rng, 40, HEX)])),
        ("jwt", None, ".".join([b64url('{"alg":"HS256","typ":"JWT"}'),
                                b64url('{"sub":"%s","iat":1700000000}' % pick(rng, 12, ALNUM)),
                                pick(rng, 43, URL)])),
        ("url-password", None, j(["postgres://app:", pick(rng, 18, ALNUM), "@db.internal:5432/app"])),
        ("generic-secret", "db_password", j([pick(rng, 12, ALNUM), "#", pick(rng, 8, ALNUM)])),
    ]
    return [(rule, name or "setting_%d" % i, value) for i, (rule, name, value) in enumerate(p)]


KINDS = [
    ("planted/config/.env", lambda n, v: "%s=%s" % (n.upper(), v)),
    ("planted/deploy/values.yml", lambda n, v: '  %s: "%s"' % (n, v)),
    ("planted/settings.json", lambda n, v: '  "%s": "%s",' % (n, v)),
    ("planted/app/settings.py", lambda n, v: '%s = "%s"' % (n.upper(), v)),
    ("planted/web/config.js", lambda n, v: "const %s = '%s';" % (n, v)),
    ("planted/infra/main.tf", lambda n, v: '  %s = "%s"' % (n, v)),
    ("planted/Dockerfile", lambda n, v: "ENV %s=%s" % (n.upper(), v)),
]


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def filler(rng, out, megabytes):
    """Ordinary-looking source files: code, hashes, UUIDs, base64 blobs; no secrets."""
    words = ["value", "result", "handler", "request", "config", "items", "index", "buffer", "count", "offset"]
    written = 0
    n = 0
    while written < megabytes * 1024 * 1024:
        lines = []
        for _ in range(2000):
            w = rng.choice(words)
            kind = rng.randrange(6)
            if kind == 0:
                lines.append("    %s_%d = compute(%s, %d)  # update the %s" % (w, rng.randrange(999), w, rng.randrange(99), w))
            elif kind == 1:
                lines.append('    checksum = "%s"' % pick(rng, 64, HEX))
            elif kind == 2:
                lines.append("    id: %s-%s-%s-%s-%s" % (pick(rng, 8, HEX), pick(rng, 4, HEX), pick(rng, 4, HEX),
                                                        pick(rng, 4, HEX), pick(rng, 12, HEX)))
            elif kind == 3:
                lines.append('    "integrity": "sha512-%s=="' % pick(rng, 86, B64))
            elif kind == 4:
                lines.append("    if %s > %d and not %s.empty(): return %s.get('%s')" % (w, rng.randrange(99), w, w, w))
            else:
                lines.append("    log.info('processing %%s of %%s', %s, total)  # see https://example.com/docs/%s" % (w, w))
        path = os.path.join(out, "generated", "module_%03d.py" % n)
        write(path, lines)
        written += os.path.getsize(path)
        n += 1


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    megabytes = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rng = random.Random(20261206)
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(corpus, os.path.join(out, "corpus"))
    filler(rng, out, megabytes)
    files = {path: [] for path, _ in KINDS}
    rows = []
    for index, (rule, name, value) in enumerate(plants(rng)):
        path, render = KINDS[index % len(KINDS)]
        files[path].append(render(name, value))
        rows.append((rule, path, len(files[path])))
    for path, lines in files.items():
        write(os.path.join(out, path), lines)
    body = [pick(rng, 64, B64) for _ in range(6)]
    write(os.path.join(out, "planted/app/keys.py"),
          ['DEPLOY_KEY = """' + "-----BEGIN OPENSSH PRIVATE" + " KEY-----"] + body
          + ["-----END OPENSSH PRIVATE" + ' KEY-----"""'])
    rows.append(("private-key", "planted/app/keys.py", 1))
    with open(os.path.join(os.path.dirname(os.path.abspath(out)), "planted.tsv"), "w") as handle:
        for rule, path, line in rows:
            handle.write("%s\t%s\t%d\n" % (rule, path, line))


if __name__ == "__main__":
    main()
