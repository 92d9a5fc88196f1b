package dev.oncall.api;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.swing.text.MutableAttributeSet;
import javax.swing.text.html.HTML;
import javax.swing.text.html.HTMLEditorKit;
import javax.swing.text.html.parser.ParserDelegator;

/** A script or stylesheet a page served here loads, read with the JDK's HTML parser. */
public record PageAsset(String url, boolean script) {
    public static List<PageAsset> of(String html) {
        List<PageAsset> assets = new ArrayList<>();
        HTMLEditorKit.ParserCallback callback = new HTMLEditorKit.ParserCallback() {
            @Override
            public void handleStartTag(HTML.Tag tag, MutableAttributeSet attributes, int pos) {
                handleSimpleTag(tag, attributes, pos);
            }

            @Override
            public void handleSimpleTag(HTML.Tag tag, MutableAttributeSet attributes, int pos) {
                if (tag == HTML.Tag.SCRIPT && attributes.getAttribute(HTML.Attribute.SRC) instanceof String src) {
                    assets.add(new PageAsset(src, true));
                }
                if (tag == HTML.Tag.LINK && "stylesheet".equals(attributes.getAttribute(HTML.Attribute.REL))
                        && attributes.getAttribute(HTML.Attribute.HREF) instanceof String href) {
                    assets.add(new PageAsset(href, false));
                }
            }
        };
        try {
            new ParserDelegator().parse(new StringReader(html), callback, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return assets;
    }
}
