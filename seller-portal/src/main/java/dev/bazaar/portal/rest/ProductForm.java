package dev.bazaar.portal.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/** The fields of the new-product form: the product and up to three variant rows. */
public class ProductForm {
    @RestForm
    public String title;

    @RestForm
    public String description;

    @RestForm
    public String categoryId;

    @RestForm
    public String sku0;

    @RestForm
    public String option0;

    @RestForm
    public String price0;

    @RestForm
    public String stock0;

    @RestForm
    public String weight0;

    @RestForm
    public String sku1;

    @RestForm
    public String option1;

    @RestForm
    public String price1;

    @RestForm
    public String stock1;

    @RestForm
    public String weight1;

    @RestForm
    public String sku2;

    @RestForm
    public String option2;

    @RestForm
    public String price2;

    @RestForm
    public String stock2;

    @RestForm
    public String weight2;

    /** The form as name → value (absent fields as empty), to validate and to refill the form. */
    Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description);
        m.put("categoryId", categoryId);
        String[][] rows = {
            {sku0, option0, price0, stock0, weight0},
            {sku1, option1, price1, stock1, weight1},
            {sku2, option2, price2, stock2, weight2}
        };
        String[] names = {"sku", "option", "price", "stock", "weight"};
        for (int i = 0; i < rows.length; i++) {
            for (int f = 0; f < names.length; f++) {
                m.put(names[f] + i, rows[i][f] == null ? "" : rows[i][f]);
            }
        }
        m.replaceAll((k, v) -> v == null ? "" : v);
        return m;
    }
}
