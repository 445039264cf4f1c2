package dev.handoff.tui;

/** Hides all but the last few digits of a phone number, for screens that others can see. */
public final class PhoneMask {

    private PhoneMask() {
    }

    /**
     * @param keep digits left visible at the end (0 = no masking)
     */
    public static String mask(String phone, int keep) {
        if (phone == null || keep <= 0) {
            return phone;
        }
        int digits = 0;
        for (int i = 0; i < phone.length(); i++) {
            if (Character.isDigit(phone.charAt(i))) {
                digits++;
            }
        }
        int toHide = Math.max(0, digits - keep);
        StringBuilder sb = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (Character.isDigit(c) && toHide > 0) {
                sb.append('*');
                toHide--;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
