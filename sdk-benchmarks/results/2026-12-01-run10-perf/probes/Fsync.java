import java.nio.*; import java.nio.channels.*; import java.nio.file.*; import java.util.*;
public class Fsync { public static void main(String[] a) throws Exception {
  Path dir = Files.createTempDirectory("fs"); Path f = dir.resolve("x"); Files.write(f, new byte[4096]);
  byte[] line = new byte[Integer.parseInt(a[0])]; Arrays.fill(line,(byte)'a');
  int n=2000; long[] t=new long[n]; long[] t2=new long[n];
  try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
  for (int i=0;i<n;i++){ long s=System.nanoTime(); ch.write(ByteBuffer.wrap(line),0); long m=System.nanoTime(); ch.force(false); t[i]=System.nanoTime()-m; t2[i]=m-s;} }
  Arrays.sort(t); Arrays.sort(t2); System.out.printf("force p50=%d p90=%d p99=%d us; write p50=%d us%n", t[n/2]/1000, t[n*9/10]/1000, t[n*99/100]/1000, t2[n/2]/1000);
  // open-per-commit variant
  for (int i=0;i<n;i++){ long s=System.nanoTime(); try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) { ch.write(ByteBuffer.wrap(line),0); ch.force(false);} t[i]=System.nanoTime()-s;}
  Arrays.sort(t); System.out.printf("open+write+force+close p50=%d p90=%d us%n", t[n/2]/1000, t[n*9/10]/1000);
}}
