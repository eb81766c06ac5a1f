"""A TLS client for tst_tls that can do what QSslSocket cannot: send close_notify and keep
reading, and tell a connection that ended with close_notify from one cut short.

usage: tls_client.py PORT CA_FILE REQUEST_FILE [--close-notify] [--wait]

With --wait, prints "READY" once the handshake is done and waits for a line on stdin. Sends the
request (after it, close_notify with --close-notify), reads until the connection ends,
and prints the bytes received, then a last line "END: close_notify", "END: truncated" (the TCP
connection closed without close_notify), "END: timeout" or "END: error ...".
"""
import socket
import ssl
import sys

port, ca_file, request_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
close_notify = "--close-notify" in sys.argv[4:]
wait = "--wait" in sys.argv[4:]
with open(request_file, "rb") as f:
    request = f.read()

context = ssl.create_default_context(cafile=ca_file)
incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
tls = context.wrap_bio(incoming, outgoing, server_side=False, server_hostname="127.0.0.1")
sock = socket.create_connection(("127.0.0.1", port), timeout=30)


def flush():
    if outgoing.pending:
        sock.sendall(outgoing.read())


def receive():
    data = sock.recv(65536)
    if data:
        incoming.write(data)
    else:
        incoming.write_eof()


received = b""
end = "error"
try:
    while True:
        try:
            tls.do_handshake()
            break
        except ssl.SSLWantReadError:
            flush()
            receive()
    flush()
    if wait:
        sys.stdout.write("READY\n")
        sys.stdout.flush()
        sys.stdin.readline()
    tls.write(request)
    if close_notify:
        try:
            tls.unwrap()
        except ssl.SSLWantReadError:
            pass
    flush()
    while True:
        try:
            data = tls.read(65536)
            if not data:  # close_notify, when this side has not sent its own
                end = "close_notify"
                break
            received += data
        except ssl.SSLWantReadError:
            flush()
            receive()
        except ssl.SSLZeroReturnError:
            end = "close_notify"
            break
        except ssl.SSLEOFError:
            end = "truncated"
            break
except socket.timeout:
    end = "timeout"
except (ssl.SSLError, OSError) as error:
    end = "error " + str(error)
sys.stdout.buffer.write(received + b"\nEND: " + end.encode() + b"\n")
