// Renders many FO files with Apache FOP in one JVM (starting FOP costs a
// second or two; 27 files one by one would take a minute). Run as a
// single-file program with FOP's jars on the class path:
//   java -cp "$(fop's classpath)" FopBatch.java out-dir a.fo b.fo ...
// Prints one line per file; exits 1 if FOP rejected any.
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;

public class FopBatch {
    public static void main(String[] args) throws Exception {
        File out = new File(args[0]);
        FopFactory factory = FopFactory.newInstance(new File(".").toURI());
        TransformerFactory tf = TransformerFactory.newInstance();
        int failed = 0;
        for (int i = 1; i < args.length; ++i) {
            File fo = new File(args[i]);
            File pdf = new File(out, fo.getName().replaceAll("\\.fo$", "") + ".fop.pdf");
            try (OutputStream os = new BufferedOutputStream(new FileOutputStream(pdf))) {
                Fop fop = factory.newFop(MimeConstants.MIME_PDF, os);
                Transformer t = tf.newTransformer();
                t.transform(new StreamSource(fo), new SAXResult(fop.getDefaultHandler()));
                System.out.println("ok " + fo.getName() + " (" + fop.getResults().getPageCount() + " pages)");
            } catch (Exception e) {
                ++failed;
                System.out.println("FAILED " + fo.getName() + ": " + e.getMessage());
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
