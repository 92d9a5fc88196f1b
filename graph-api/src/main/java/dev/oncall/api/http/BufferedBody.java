package dev.oncall.api.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body a filter has already read (to check a signature, or its shape): whoever
 * comes next reads the same bytes again from memory.
 */
public final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    public BufferedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /**
     * The buffered body of {@code request} or of a request it wraps, if a filter buffered it: read
     * without consuming anything.
     */
    public static java.util.Optional<byte[]> of(jakarta.servlet.ServletRequest request) {
        for (jakarta.servlet.ServletRequest r = request; r != null;
             r = r instanceof jakarta.servlet.ServletRequestWrapper w ? w.getRequest() : null) {
            if (r instanceof BufferedBody buffered) {
                return java.util.Optional.of(buffered.body);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                // Everything is in memory already: all of it is available, and then it is all read.
                try {
                    listener.onDataAvailable();
                    listener.onAllDataRead();
                } catch (java.io.IOException e) {
                    listener.onError(e);
                }
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String name = getCharacterEncoding();
        Charset charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
